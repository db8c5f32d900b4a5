//! Logging in the form Terraform shows under TF_LOG: one hclog JSON object
//! per stderr line (`@level`, `@message`, `@module`, `@timestamp` plus the
//! event's fields). go-plugin re-emits each line at its level in
//! Terraform's log.
//!
//! The level comes from TF_LOG_PROVIDER, else TF_LOG (TRACE, DEBUG, INFO,
//! WARN, ERROR, JSON, OFF); unset means WARN. The AWS SDK, TLS and HTTP
//! crates are capped at INFO so request signatures and credentials never
//! reach the log.

use std::io::Write;

use tracing::field::{Field, Visit};
use tracing::{Event, Level, Subscriber};
use tracing_subscriber::EnvFilter;
use tracing_subscriber::layer::{Context, Layer};
use tracing_subscriber::prelude::*;

/// Crates whose verbose output could include request details.
const CAPPED_TARGETS: &[&str] = &[
    "aws_smithy_runtime",
    "aws_smithy_runtime_api",
    "aws_smithy_http_client",
    "aws_sigv4",
    "aws_config",
    "aws_credential_types",
    "aws_runtime",
    "hyper",
    "hyper_util",
    "h2",
    "rustls",
    "tonic",
    "tower",
];

/// The level Terraform asked for, from the given variables.
pub fn level_from(tf_log_provider: Option<&str>, tf_log: Option<&str>) -> Option<Level> {
    let raw = tf_log_provider
        .filter(|v| !v.is_empty())
        .or(tf_log.filter(|v| !v.is_empty()));
    match raw.map(|v| v.trim().to_ascii_uppercase()).as_deref() {
        None => Some(Level::WARN),
        Some("OFF") => None,
        Some("TRACE" | "JSON") => Some(Level::TRACE),
        Some("DEBUG") => Some(Level::DEBUG),
        Some("INFO") => Some(Level::INFO),
        Some("ERROR") => Some(Level::ERROR),
        Some(_) => Some(Level::WARN),
    }
}

/// Installs the hclog JSON logger on stderr; events are attributed to the
/// module `provider.<provider_name>`, as Terraform's own providers are.
pub fn init(provider_name: &str) {
    let level = level_from(
        std::env::var("TF_LOG_PROVIDER").ok().as_deref(),
        std::env::var("TF_LOG").ok().as_deref(),
    );
    let Some(level) = level else { return };
    let mut filter = EnvFilter::new(level.as_str().to_ascii_lowercase());
    if level > Level::INFO {
        for target in CAPPED_TARGETS {
            filter =
                filter.add_directive(format!("{target}=info").parse().expect("static directive"));
        }
    }
    let _ = tracing_subscriber::registry()
        .with(filter)
        .with(HclogLayer::new(provider_name))
        .try_init();
}

/// Formats events as hclog JSON lines on stderr.
pub struct HclogLayer {
    module: String,
}

impl HclogLayer {
    /// A layer attributing events to `provider.<provider_name>`.
    pub fn new(provider_name: &str) -> Self {
        Self {
            module: format!("provider.{provider_name}"),
        }
    }
}

impl<S: Subscriber> Layer<S> for HclogLayer {
    fn on_event(&self, event: &Event<'_>, _ctx: Context<'_, S>) {
        let line = format_event(event, &self.module);
        let mut stderr = std::io::stderr().lock();
        let _ = stderr.write_all(line.as_bytes());
    }
}

/// One hclog JSON line (with trailing newline) for `event`, attributed to
/// `module` followed by the event's target.
pub fn format_event(event: &Event<'_>, module: &str) -> String {
    let meta = event.metadata();
    let mut fields = FieldCollector::default();
    event.record(&mut fields);
    let mut object = serde_json::Map::new();
    object.insert("@level".into(), hclog_level(*meta.level()).into());
    object.insert("@message".into(), fields.message.unwrap_or_default().into());
    object.insert(
        "@module".into(),
        format!("{module}.{}", meta.target().replace("::", ".")).into(),
    );
    object.insert(
        "@timestamp".into(),
        humantime::format_rfc3339_micros(std::time::SystemTime::now())
            .to_string()
            .into(),
    );
    for (k, v) in fields.fields {
        object.insert(k, v);
    }
    let mut line = serde_json::Value::Object(object).to_string();
    line.push('\n');
    line
}

fn hclog_level(level: Level) -> &'static str {
    match level {
        Level::TRACE => "trace",
        Level::DEBUG => "debug",
        Level::INFO => "info",
        Level::WARN => "warn",
        Level::ERROR => "error",
    }
}

#[derive(Default)]
struct FieldCollector {
    message: Option<String>,
    fields: Vec<(String, serde_json::Value)>,
}

impl Visit for FieldCollector {
    fn record_str(&mut self, field: &Field, value: &str) {
        if field.name() == "message" {
            self.message = Some(value.to_string());
        } else {
            self.fields.push((field.name().to_string(), value.into()));
        }
    }

    fn record_i64(&mut self, field: &Field, value: i64) {
        self.fields.push((field.name().to_string(), value.into()));
    }

    fn record_u64(&mut self, field: &Field, value: u64) {
        self.fields.push((field.name().to_string(), value.into()));
    }

    fn record_bool(&mut self, field: &Field, value: bool) {
        self.fields.push((field.name().to_string(), value.into()));
    }

    fn record_debug(&mut self, field: &Field, value: &dyn std::fmt::Debug) {
        let text = format!("{value:?}");
        if field.name() == "message" {
            self.message = Some(text);
        } else {
            self.fields.push((field.name().to_string(), text.into()));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn level_prefers_tf_log_provider() {
        assert_eq!(level_from(Some("DEBUG"), Some("ERROR")), Some(Level::DEBUG));
        assert_eq!(level_from(None, Some("trace")), Some(Level::TRACE));
        assert_eq!(level_from(None, Some("OFF")), None);
        assert_eq!(level_from(None, None), Some(Level::WARN));
        assert_eq!(level_from(Some(""), Some("JSON")), Some(Level::TRACE));
    }

    #[test]
    fn events_become_hclog_json() {
        use std::sync::{Arc, Mutex};
        struct Capture(Arc<Mutex<Vec<String>>>);
        impl<S: Subscriber> Layer<S> for Capture {
            fn on_event(&self, event: &Event<'_>, _ctx: Context<'_, S>) {
                self.0
                    .lock()
                    .unwrap()
                    .push(format_event(event, "provider.example"));
            }
        }
        let lines = Arc::new(Mutex::new(Vec::new()));
        let subscriber = tracing_subscriber::registry().with(Capture(lines.clone()));
        tracing::subscriber::with_default(subscriber, || {
            tracing::info!(rpc = "PlanResourceChange", elapsed_ms = 3u64, "served");
        });
        let line = lines.lock().unwrap()[0].clone();
        let json: serde_json::Value = serde_json::from_str(&line).unwrap();
        assert_eq!(json["@level"], "info");
        assert_eq!(json["@message"], "served");
        assert_eq!(json["rpc"], "PlanResourceChange");
        assert_eq!(json["elapsed_ms"], 3);
        assert!(
            json["@module"]
                .as_str()
                .unwrap()
                .starts_with("provider.example.")
        );
        assert!(json["@timestamp"].as_str().unwrap().ends_with('Z'));
    }
}
