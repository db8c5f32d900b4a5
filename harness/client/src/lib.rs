//! The embedded AWS (moto behind the project's harness layer, in
//! `harness/local_aws`) from Rust: start it on a free loopback port, reset
//! it, read the API calls it counted. The server exits with the process
//! that started it.

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

    /// Wipes every account and region (and the call log).
    pub fn reset(&self) {
        http(&format!("{}/moto-api/reset", self.url), "POST");
    }

    /// The calls counted since the last reset of the call log.
    pub fn calls(&self) -> Calls {
        let body = http(&format!("{}/_harness/calls", self.url), "GET");
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

    /// Clears the call log only.
    pub fn reset_calls(&self) {
        http(&format!("{}/_harness/calls/reset", self.url), "POST");
    }
}

impl Drop for LocalAws {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A minimal HTTP/1.1 request over loopback.
fn http(url: &str, method: &str) -> String {
    use std::io::{Read, Write};
    let rest = url.strip_prefix("http://").expect("http URL");
    let (host, path) = rest
        .split_once('/')
        .map(|(h, p)| (h, format!("/{p}")))
        .unwrap_or((rest, "/".into()));
    let mut s = std::net::TcpStream::connect(host).expect("connect to the embedded AWS");
    write!(
        s,
        "{method} {path} HTTP/1.1\r\nHost: {host}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
    )
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
