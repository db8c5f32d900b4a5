//! Peak resident memory of provider processes, sampled from /proc while a
//! Terraform command runs (Terraform starts and stops them itself).

use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread::JoinHandle;
use std::time::Duration;

/// Samples every 20 ms until stopped; the result maps a binary-name
/// fragment to the highest VmHWM (KiB) seen in processes running it whose
/// working directory is under `within` (the benchmark's own Terraform
/// directory: providers of other runs on the machine are not counted).
pub struct RssSampler {
    stop: Arc<AtomicBool>,
    handle: JoinHandle<HashMap<String, u64>>,
}

impl RssSampler {
    pub fn start(fragments: &[&str], within: &Path) -> RssSampler {
        let within = within.to_path_buf();
        let stop = Arc::new(AtomicBool::new(false));
        let fragments: Vec<String> = fragments.iter().map(|s| s.to_string()).collect();
        let flag = stop.clone();
        let handle = std::thread::spawn(move || {
            let mut peaks: HashMap<String, u64> = HashMap::new();
            while !flag.load(Ordering::Relaxed) {
                sample(&fragments, &within, &mut peaks);
                std::thread::sleep(Duration::from_millis(20));
            }
            peaks
        });
        RssSampler { stop, handle }
    }

    pub fn finish(self) -> HashMap<String, u64> {
        self.stop.store(true, Ordering::Relaxed);
        self.handle.join().unwrap_or_default()
    }
}

fn sample(fragments: &[String], within: &Path, peaks: &mut HashMap<String, u64>) {
    let Ok(entries) = std::fs::read_dir("/proc") else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(pid) = name
            .to_str()
            .filter(|n| n.bytes().all(|b| b.is_ascii_digit()))
        else {
            continue;
        };
        let Ok(cmdline) = std::fs::read(format!("/proc/{pid}/cmdline")) else {
            continue;
        };
        let exe = String::from_utf8_lossy(cmdline.split(|b| *b == 0).next().unwrap_or_default())
            .into_owned();
        let Some(fragment) = fragments.iter().find(|f| exe.contains(f.as_str())) else {
            continue;
        };
        let ours =
            std::fs::read_link(format!("/proc/{pid}/cwd")).is_ok_and(|cwd| cwd.starts_with(within));
        if !ours {
            continue;
        }
        let Ok(status) = std::fs::read_to_string(format!("/proc/{pid}/status")) else {
            continue;
        };
        let hwm = status
            .lines()
            .find(|l| l.starts_with("VmHWM:"))
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|v| v.parse::<u64>().ok())
            .unwrap_or(0);
        let peak = peaks.entry(fragment.clone()).or_insert(0);
        *peak = (*peak).max(hwm);
    }
}
