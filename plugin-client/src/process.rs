//! Starting a plugin binary the way Terraform's go-plugin client does.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::handshake::Handshake;
use crate::identity::ClientIdentity;
use crate::{MAGIC_COOKIE_KEY, MAGIC_COOKIE_VALUE};

/// How to start the plugin.
#[derive(Default)]
pub struct LaunchOptions<'a> {
    /// Terraform's AutoMTLS identity; None starts it with TLS disabled.
    pub client: Option<&'a ClientIdentity>,
    /// Extra environment on top of the launch variables (the environment
    /// is otherwise empty).
    pub env: Vec<(String, String)>,
    /// Where the plugin's stderr goes (inherited when None).
    pub stderr: Option<Stdio>,
}

/// A running plugin and its handshake. Killed on drop.
pub struct PluginProcess {
    pub child: Child,
    pub handshake: Handshake,
    /// From spawn to the handshake line.
    pub startup: Duration,
}

impl PluginProcess {
    pub fn start(binary: &Path, options: LaunchOptions<'_>) -> std::io::Result<PluginProcess> {
        let mut cmd = Command::new(binary);
        cmd.env_clear()
            .env(MAGIC_COOKIE_KEY, MAGIC_COOKIE_VALUE)
            .env("PLUGIN_PROTOCOL_VERSIONS", "5,6")
            .env("PLUGIN_MIN_PORT", "10000")
            .env("PLUGIN_MAX_PORT", "25000")
            .env("TMPDIR", std::env::temp_dir())
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(options.stderr.unwrap_or_else(Stdio::inherit));
        if let Some(c) = options.client {
            cmd.env("PLUGIN_CLIENT_CERT", &c.cert_pem);
        }
        for (k, v) in &options.env {
            cmd.env(k, v);
        }
        let started = Instant::now();
        let mut child = cmd.spawn()?;
        let stdout = child.stdout.take().expect("piped stdout");
        let mut line = String::new();
        BufReader::new(stdout).read_line(&mut line)?;
        let startup = started.elapsed();
        let handshake = Handshake::parse(&line).map_err(|e| {
            let _ = child.kill();
            std::io::Error::new(std::io::ErrorKind::InvalidData, e)
        })?;
        Ok(PluginProcess {
            child,
            handshake,
            startup,
        })
    }

    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// Waits up to `timeout` for the process to exit on its own.
    pub fn wait_exit(&mut self, timeout: Duration) -> Option<std::process::ExitStatus> {
        let deadline = Instant::now() + timeout;
        loop {
            if let Ok(Some(status)) = self.child.try_wait() {
                return Some(status);
            }
            if Instant::now() > deadline {
                return None;
            }
            std::thread::sleep(Duration::from_millis(10));
        }
    }
}

impl Drop for PluginProcess {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
