//! Parsing the plugin's handshake line:
//! `CORE|APP|NETWORK|ADDRESS|grpc|CERT` (CERT: unpadded base64 DER).

use base64::Engine;

/// What the plugin announced.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Handshake {
    pub core_version: u32,
    /// The plugin protocol the plugin chose (5 or 6 for Terraform).
    pub protocol_version: u32,
    /// `tcp` or `unix`.
    pub network: String,
    pub address: String,
    /// The server certificate (DER) when AutoMTLS is on.
    pub server_cert: Option<Vec<u8>>,
    /// The line as received, without the newline.
    pub line: String,
}

#[derive(Debug, PartialEq, Eq)]
pub struct ParseError(pub String);

impl std::fmt::Display for ParseError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ParseError {}

impl Handshake {
    pub fn parse(line: &str) -> Result<Handshake, ParseError> {
        let line = line.trim_end_matches(['\r', '\n']);
        let fields: Vec<&str> = line.split('|').collect();
        if fields.len() < 6 {
            return Err(ParseError(format!(
                "handshake needs 6 fields, got {line:?}"
            )));
        }
        let number = |i: usize, what: &str| {
            fields[i]
                .parse::<u32>()
                .map_err(|_| ParseError(format!("bad {what} {:?} in {line:?}", fields[i])))
        };
        if fields[4] != "grpc" {
            return Err(ParseError(format!(
                "protocol must be grpc, got {:?}",
                fields[4]
            )));
        }
        let server_cert = if fields[5].is_empty() {
            None
        } else {
            Some(
                base64::engine::general_purpose::STANDARD_NO_PAD
                    .decode(fields[5])
                    .map_err(|e| {
                        ParseError(format!("server certificate is not unpadded base64: {e}"))
                    })?,
            )
        };
        Ok(Handshake {
            core_version: number(0, "core version")?,
            protocol_version: number(1, "protocol version")?,
            network: fields[2].to_string(),
            address: fields[3].to_string(),
            server_cert,
            line: line.to_string(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_tcp_and_unix_lines() {
        let h = Handshake::parse("1|6|tcp|127.0.0.1:1234|grpc|AQIDBA\n").unwrap();
        assert_eq!((h.protocol_version, h.network.as_str()), (6, "tcp"));
        assert_eq!(h.server_cert, Some(vec![1, 2, 3, 4]));
        let h = Handshake::parse("1|5|unix|/tmp/plugin1|grpc|").unwrap();
        assert_eq!(h.address, "/tmp/plugin1");
        assert_eq!(h.server_cert, None);
        assert!(Handshake::parse("1|6|tcp|x|netrpc|").is_err());
        assert!(Handshake::parse("not a plugin").is_err());
    }
}
