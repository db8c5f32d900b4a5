//! The embedded AWS (moto behind the project's harness layer, in
//! `harness/local_aws`) from Rust: start it on a free loopback port, reset
//! it, read the API calls it counted, inject faults into AWS calls (see
//! [`Fault`]). The server exits with the process that started it.

mod fault;

pub use fault::{Fault, FaultStatus};

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A running embedded AWS. Stopped on drop.
pub struct LocalAws {
    pub url: String,
    child: Child,
    _dir: tempfile::TempDir,
}

/// API calls counted at the endpoint: (service, action, count).
pub type Calls = Vec<(String, String, u64)>;

/// API calls of one kind from one caller, as the endpoint counted them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CallerCalls {
    /// The account the call was made in.
    pub account: String,
    /// `"privatelink"` for calls of this provider (its app name in the
    /// User-Agent), `"other"` for the rest (tests, hashicorp/aws).
    pub agent: String,
    /// The signing service, e.g. `ec2` or `elasticloadbalancing`.
    pub service: String,
    /// The API action, e.g. `DescribeVpcs`.
    pub action: String,
    pub count: u64,
}

impl LocalAws {
    /// Starts the server from the repository at `repo_root` (its `.venv`
    /// must exist: `scripts/setup-venv`), with extra environment for it.
    pub fn start(repo_root: &Path, env: &[(&str, &str)]) -> LocalAws {
        let python = repo_root.join(".venv/bin/python");
        assert!(
            python.exists(),
            "{} is missing: run scripts/setup-venv (scripts/test does it)",
            python.display()
        );
        let dir = tempfile::tempdir().expect("temp dir");
        let port_file: PathBuf = dir.path().join("port");
        let log = std::fs::File::create(dir.path().join("server.log")).expect("log file");
        let mut cmd = Command::new(python);
        cmd.args(["-m", "local_aws", "--port", "0", "--port-file"])
            .arg(&port_file)
            .arg("--parent-pid")
            .arg(std::process::id().to_string())
            .current_dir(repo_root.join("harness"))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(log);
        for (k, v) in env {
            cmd.env(k, v);
        }
        let child = cmd.spawn().expect("start the embedded AWS");
        let deadline = Instant::now() + Duration::from_secs(60);
        let port = loop {
            let written = std::fs::read_to_string(&port_file).ok();
            if let Some(p) = written.and_then(|p| p.trim().parse::<u16>().ok()) {
                break p;
            }
            assert!(
                Instant::now() < deadline,
                "embedded AWS did not start within 60 s"
            );
            std::thread::sleep(Duration::from_millis(50));
        };
        LocalAws {
            url: format!("http://127.0.0.1:{port}"),
            child,
            _dir: dir,
        }
    }

    /// Wipes every account and region (and the call log and the faults).
    pub fn reset(&self) {
        http(&format!("{}/moto-api/reset", self.url), "POST", "");
    }

    /// The calls counted since the last reset of the call log.
    pub fn calls(&self) -> Calls {
        let body = http(&format!("{}/_harness/calls", self.url), "GET", "");
        let v: serde_json::Value = serde_json::from_str(&body).expect("calls JSON");
        v.as_array()
            .expect("array")
            .iter()
            .map(|c| {
                (
                    c["service"].as_str().unwrap_or_default().to_string(),
                    c["action"].as_str().unwrap_or_default().to_string(),
                    c["count"].as_u64().unwrap_or(0),
                )
            })
            .collect()
    }

    /// The calls counted since the last reset of the call log, per caller.
    pub fn calls_by_caller(&self) -> Vec<CallerCalls> {
        let body = http(&format!("{}/_harness/calls/by-caller", self.url), "GET", "");
        let v: serde_json::Value = serde_json::from_str(&body).expect("calls JSON");
        let text =
            |c: &serde_json::Value, key: &str| c[key].as_str().unwrap_or_default().to_string();
        v.as_array()
            .expect("array")
            .iter()
            .map(|c| CallerCalls {
                account: text(c, "account"),
                agent: text(c, "agent"),
                service: text(c, "service"),
                action: text(c, "action"),
                count: c["count"].as_u64().unwrap_or(0),
            })
            .collect()
    }

    /// Clears the call log only.
    pub fn reset_calls(&self) {
        http(&format!("{}/_harness/calls/reset", self.url), "POST", "");
    }

    /// Puts `fault` in force from now on; its id (see [`LocalAws::faults`]).
    /// Panics with the server's reason if it refuses the fault.
    pub fn inject(&self, fault: &Fault) -> u64 {
        let url = format!("{}/_harness/faults", self.url);
        let body = http(&url, "POST", &fault.to_json().to_string());
        let v: serde_json::Value = serde_json::from_str(&body).expect("fault id JSON");
        v["id"].as_u64().expect("fault id")
    }

    /// The faults in force, with how many calls each matched and hit.
    pub fn faults(&self) -> Vec<FaultStatus> {
        let body = http(&format!("{}/_harness/faults", self.url), "GET", "");
        let v: serde_json::Value = serde_json::from_str(&body).expect("faults JSON");
        v.as_array()
            .expect("array")
            .iter()
            .map(FaultStatus::from_listing)
            .collect()
    }

    /// Removes every fault.
    pub fn clear_faults(&self) {
        http(&format!("{}/_harness/faults", self.url), "DELETE", "");
    }
}

impl Drop for LocalAws {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A minimal HTTP/1.1 request over loopback, with `body` (JSON when not
/// empty); the answer's body. Panics unless the answer is 200.
fn http(url: &str, method: &str, body: &str) -> String {
    use std::io::{Read, Write};
    let rest = url.strip_prefix("http://").expect("http URL");
    let (host, path) = rest
        .split_once('/')
        .map(|(h, p)| (h, format!("/{p}")))
        .unwrap_or((rest, "/".into()));
    let mut s = std::net::TcpStream::connect(host).expect("connect to the embedded AWS");
    s.write_all(request_text(method, host, &path, body).as_bytes())
        .unwrap();
    let mut out = String::new();
    s.read_to_string(&mut out).unwrap();
    assert!(
        out.starts_with("HTTP/1.1 200") || out.starts_with("HTTP/1.0 200"),
        "{method} {url}: {out}"
    );
    out.split_once("\r\n\r\n")
        .map(|(_, b)| b.to_string())
        .unwrap_or_default()
}

/// The bytes of a request: one per connection, a JSON body when given.
fn request_text(method: &str, host: &str, path: &str, body: &str) -> String {
    let content_type = if body.is_empty() {
        ""
    } else {
        "Content-Type: application/json\r\n"
    };
    format!(
        "{method} {path} HTTP/1.1\r\nHost: {host}\r\n{content_type}Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{Read, Write};

    #[test]
    fn a_request_without_a_body() {
        assert_eq!(
            request_text("GET", "127.0.0.1:9", "/_harness/faults", ""),
            "GET /_harness/faults HTTP/1.1\r\nHost: 127.0.0.1:9\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
        );
    }

    #[test]
    fn a_request_with_a_json_body() {
        assert_eq!(
            request_text("POST", "127.0.0.1:9", "/_harness/faults", r#"{"a":1}"#),
            "POST /_harness/faults HTTP/1.1\r\nHost: 127.0.0.1:9\r\nContent-Type: application/json\r\nContent-Length: 7\r\nConnection: close\r\n\r\n{\"a\":1}"
        );
    }

    /// Answers one request with `answer`; the request it read.
    fn serve_once(answer: &'static str) -> (String, std::thread::JoinHandle<String>) {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        let server = std::thread::spawn(move || {
            let (mut conn, _) = listener.accept().unwrap();
            let mut seen = Vec::new();
            let mut buf = [0u8; 4096];
            while !String::from_utf8_lossy(&seen).contains("}") {
                let n = conn.read(&mut buf).unwrap();
                assert!(n > 0, "request ended early");
                seen.extend_from_slice(&buf[..n]);
            }
            conn.write_all(answer.as_bytes()).unwrap();
            String::from_utf8(seen).unwrap()
        });
        (url, server)
    }

    #[test]
    fn http_sends_the_body_and_returns_the_answers() {
        let (url, server) = serve_once("HTTP/1.1 200 OK\r\nContent-Length: 8\r\n\r\n{\"id\":3}");
        let fault = Fault::drop("CreateService").to_json().to_string();
        let answer = http(&format!("{url}/_harness/faults"), "POST", &fault);
        assert_eq!(answer, r#"{"id":3}"#);
        let request = server.join().unwrap();
        assert!(request.starts_with("POST /_harness/faults HTTP/1.1\r\n"));
        assert!(request.ends_with(&fault), "{request}");
    }

    #[test]
    #[should_panic(expected = "unknown fault fields")]
    fn a_refusal_panics_with_the_reason() {
        let (url, _server) = serve_once(
            "HTTP/1.1 400 Bad Request\r\n\r\n{\"error\": \"unknown fault fields: nht\"}",
        );
        http(&format!("{url}/_harness/faults"), "POST", "{}");
    }
}
