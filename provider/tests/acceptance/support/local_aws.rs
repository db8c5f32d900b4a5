//! The embedded AWS for tests: one server per test process, started on
//! first use on a free loopback port, reset before every test, gone when
//! the test process is (the server watches its parent pid).

use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::{Mutex, MutexGuard, OnceLock};
use std::time::{Duration, Instant};

use super::repo_root;

pub struct LocalAws {
    pub url: String,
    _child: Child,
    _dir: tempfile::TempDir,
}

static SERVER: OnceLock<LocalAws> = OnceLock::new();
static EXCLUSIVE: Mutex<()> = Mutex::new(());

/// Exclusive use of the (freshly reset) embedded AWS for one test.
pub struct AwsSession {
    pub url: String,
    _guard: MutexGuard<'static, ()>,
}

impl LocalAws {
    fn start() -> LocalAws {
        let root = repo_root();
        let python = root.join(".venv/bin/python");
        assert!(
            python.exists(),
            "{} is missing: run scripts/setup-venv (scripts/test does it)",
            python.display()
        );
        let dir = tempfile::tempdir().expect("temp dir");
        let port_file: PathBuf = dir.path().join("port");
        let log = std::fs::File::create(dir.path().join("server.log")).expect("log file");
        let child = Command::new(python)
            .args(["-m", "local_aws", "--port", "0", "--port-file"])
            .arg(&port_file)
            .arg("--parent-pid")
            .arg(std::process::id().to_string())
            .current_dir(root.join("harness"))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(log)
            .spawn()
            .expect("start the embedded AWS");
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
            _child: child,
            _dir: dir,
        }
    }

    /// Takes the embedded AWS for one test, wiped clean.
    pub fn session() -> AwsSession {
        let guard = EXCLUSIVE.lock().unwrap_or_else(|e| e.into_inner());
        let server = SERVER.get_or_init(LocalAws::start);
        post(&format!("{}/moto-api/reset", server.url));
        AwsSession {
            url: server.url.clone(),
            _guard: guard,
        }
    }
}

impl AwsSession {
    /// API calls counted at the endpoint since the last reset:
    /// (service, action, count).
    pub fn calls(&self) -> Vec<(String, String, u64)> {
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
}

fn post(url: &str) {
    http(url, "POST");
}

/// A minimal HTTP/1.1 request over loopback (no client crate needed).
fn http(url: &str, method: &str) -> String {
    use std::io::{Read, Write};
    let rest = url.strip_prefix("http://").expect("http URL");
    let (host, path) = rest
        .split_once('/')
        .map(|(h, p)| (h, format!("/{p}")))
        .unwrap_or((rest, "/".into()));
    let mut s = std::net::TcpStream::connect(host).expect("connect to embedded AWS");
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
