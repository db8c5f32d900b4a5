//! The go-plugin launch contract: the environment Terraform sets for a
//! managed plugin, and the one handshake line the plugin prints on stdout.

use std::net::SocketAddr;

use base64::Engine;

/// Terraform's magic cookie for provider plugins (go-plugin handshake).
pub const MAGIC_COOKIE_KEY: &str = "TF_PLUGIN_MAGIC_COOKIE";
pub const MAGIC_COOKIE_VALUE: &str =
    "d602bf8f470bc67ca7faa0386276bbdd4330efaf76d1a219cb4d6991ca9872b2";

/// go-plugin's core protocol version.
const CORE_PROTOCOL_VERSION: u32 = 1;
/// The Terraform plugin protocol this provider speaks.
pub const PLUGIN_PROTOCOL_VERSION: u32 = 6;

/// What Terraform told the plugin through its environment.
#[derive(Debug, Clone)]
pub struct LaunchEnv {
    /// Terraform's AutoMTLS client certificate (PEM); absent when TLS is off.
    pub client_cert_pem: Option<String>,
    pub min_port: u16,
    pub max_port: u16,
}

/// Why the plugin cannot run under the current environment.
#[derive(Debug, thiserror::Error, PartialEq)]
pub enum LaunchError {
    #[error("not started by Terraform")]
    NoMagicCookie,
    #[error(
        "Terraform offered plugin protocol versions {0:?}, but this provider speaks only protocol 6 (Terraform v1.0 or newer)"
    )]
    UnsupportedProtocol(String),
    #[error("invalid {name} {value:?}: {reason}")]
    BadVariable {
        name: &'static str,
        value: String,
        reason: String,
    },
}

impl LaunchEnv {
    /// Reads and checks the launch environment through `var`.
    pub fn from_vars(var: impl Fn(&str) -> Option<String>) -> Result<Self, LaunchError> {
        if var(MAGIC_COOKIE_KEY).as_deref() != Some(MAGIC_COOKIE_VALUE) {
            return Err(LaunchError::NoMagicCookie);
        }
        if let Some(versions) = var("PLUGIN_PROTOCOL_VERSIONS") {
            let speaks_ours = versions
                .split(',')
                .any(|v| v.trim().parse::<u32>().ok() == Some(PLUGIN_PROTOCOL_VERSION));
            if !speaks_ours {
                return Err(LaunchError::UnsupportedProtocol(versions));
            }
        }
        let port = |name: &'static str, default: u16| -> Result<u16, LaunchError> {
            match var(name).filter(|v| !v.is_empty()) {
                None => Ok(default),
                Some(v) => v.parse::<u16>().map_err(|e| LaunchError::BadVariable {
                    name,
                    value: v.clone(),
                    reason: e.to_string(),
                }),
            }
        };
        let min_port = port("PLUGIN_MIN_PORT", 0)?;
        let max_port = port("PLUGIN_MAX_PORT", 0)?;
        if min_port > max_port {
            return Err(LaunchError::BadVariable {
                name: "PLUGIN_MIN_PORT",
                value: min_port.to_string(),
                reason: format!("greater than PLUGIN_MAX_PORT {max_port}"),
            });
        }
        Ok(Self {
            client_cert_pem: var("PLUGIN_CLIENT_CERT").filter(|c| !c.trim().is_empty()),
            min_port,
            max_port,
        })
    }
}

/// The handshake line: `1|6|tcp|127.0.0.1:PORT|grpc|CERT`, where CERT is
/// the server certificate's DER in unpadded standard base64, or empty when
/// TLS is off. Never a 7th (multiplexing) field: Terraform 1.0 cannot read it.
pub fn handshake_line(addr: SocketAddr, server_cert_der: Option<&[u8]>) -> String {
    let cert = server_cert_der
        .map(|der| base64::engine::general_purpose::STANDARD_NO_PAD.encode(der))
        .unwrap_or_default();
    format!("{CORE_PROTOCOL_VERSION}|{PLUGIN_PROTOCOL_VERSION}|tcp|{addr}|grpc|{cert}")
}

/// The message shown when someone runs the binary by hand; `local_name` and
/// `source` are the provider's (e.g. `privatelink`,
/// `privatelink-labs/privatelink`).
pub fn not_a_command_message(binary: &str, local_name: &str, source: &str) -> String {
    format!(
        "{binary} is a Terraform provider plugin, not a command.\n\
         \n\
         Terraform starts it by itself: declare the provider in a configuration\n\
         \n\
         \x20 terraform {{\n\
         \x20   required_providers {{\n\
         \x20     {local_name} = {{ source = \"{source}\" }}\n\
         \x20   }}\n\
         \x20 }}\n\
         \n\
         and run `terraform init` and `terraform plan` there.\n\
         \n\
         To debug the provider, run `{binary} --debug` and follow its instructions.\n"
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn env(pairs: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
        let map: HashMap<String, String> = pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        move |k| map.get(k).cloned()
    }

    #[test]
    fn requires_the_magic_cookie() {
        assert_eq!(
            LaunchEnv::from_vars(env(&[])).unwrap_err(),
            LaunchError::NoMagicCookie
        );
        assert_eq!(
            LaunchEnv::from_vars(env(&[(MAGIC_COOKIE_KEY, "nope")])).unwrap_err(),
            LaunchError::NoMagicCookie
        );
    }

    #[test]
    fn reads_ports_cert_and_protocols() {
        let e = LaunchEnv::from_vars(env(&[
            (MAGIC_COOKIE_KEY, MAGIC_COOKIE_VALUE),
            ("PLUGIN_PROTOCOL_VERSIONS", "5,6"),
            ("PLUGIN_MIN_PORT", "10000"),
            ("PLUGIN_MAX_PORT", "25000"),
            ("PLUGIN_CLIENT_CERT", "-----BEGIN CERTIFICATE-----"),
        ]))
        .unwrap();
        assert_eq!((e.min_port, e.max_port), (10000, 25000));
        assert!(e.client_cert_pem.is_some());
    }

    #[test]
    fn refuses_clients_without_protocol_6() {
        let e = LaunchEnv::from_vars(env(&[
            (MAGIC_COOKIE_KEY, MAGIC_COOKIE_VALUE),
            ("PLUGIN_PROTOCOL_VERSIONS", "4,5"),
        ]));
        assert!(matches!(e, Err(LaunchError::UnsupportedProtocol(_))));
    }

    #[test]
    fn handshake_line_has_six_fields_and_unpadded_cert() {
        let addr: SocketAddr = "127.0.0.1:1234".parse().unwrap();
        let line = handshake_line(addr, Some(&[1, 2, 3, 4]));
        assert_eq!(line, "1|6|tcp|127.0.0.1:1234|grpc|AQIDBA");
        assert_eq!(handshake_line(addr, None), "1|6|tcp|127.0.0.1:1234|grpc|");
        assert_eq!(line.split('|').count(), 6);
    }
}
