//! AWS errors as users need them: which service and endpoint, whether it
//! was unreachable or answered with an error code, and the message.

use std::fmt;

use aws_smithy_runtime_api::client::orchestrator::HttpResponse;
use aws_smithy_runtime_api::client::result::SdkError;
use aws_smithy_types::error::display::DisplayErrorContext;
use aws_smithy_types::error::metadata::ProvideErrorMetadata;

use super::endpoints::{AwsApi, ResolvedEndpoint};
use tfplugin::diagnostics::Diagnostic;
use tfplugin::path::AttributePath;

/// Error codes of throttling, across the APIs the provider calls.
pub const THROTTLING_CODES: &[&str] = &[
    "Throttling",
    "ThrottlingException",
    "ThrottledException",
    "RequestThrottled",
    "RequestThrottledException",
    "RequestLimitExceeded",
    "TooManyRequestsException",
    "SlowDown",
];

/// Error codes of a server that answers but cannot serve the call now
/// (retried, as throttling is).
pub const SERVER_BUSY_CODES: &[&str] = &[
    "ServiceUnavailable",
    "ServiceUnavailableException",
    "InternalError",
    "InternalFailure",
    "InternalServerError",
    "RequestTimeout",
    "RequestTimeoutException",
];

/// A failed AWS call.
#[derive(Clone, Debug, PartialEq)]
pub enum AwsError {
    /// No answer: connection refused, DNS failure, timeout.
    Unreachable {
        service: AwsApi,
        endpoint: ResolvedEndpoint,
        reason: String,
    },
    /// AWS answered with an error code.
    Api {
        service: AwsApi,
        code: String,
        message: String,
    },
    /// Anything else (credentials, request construction, response parsing).
    Other { service: AwsApi, message: String },
}

impl AwsError {
    /// Classifies an SDK error of a call to `service` at `endpoint`.
    pub fn from_sdk<E>(
        service: AwsApi,
        endpoint: &ResolvedEndpoint,
        err: SdkError<E, HttpResponse>,
    ) -> Self
    where
        E: ProvideErrorMetadata + std::error::Error + Send + Sync + 'static,
    {
        match &err {
            SdkError::DispatchFailure(f) if f.is_io() || f.is_timeout() => AwsError::Unreachable {
                service,
                endpoint: endpoint.clone(),
                reason: root_cause(&err),
            },
            SdkError::TimeoutError(_) => AwsError::Unreachable {
                service,
                endpoint: endpoint.clone(),
                reason: "no answer before the request timed out".into(),
            },
            SdkError::ServiceError(se) => {
                let e = se.err();
                match e.code() {
                    Some(code) => AwsError::Api {
                        service,
                        code: code.to_string(),
                        message: e.message().unwrap_or_default().to_string(),
                    },
                    None => AwsError::Other {
                        service,
                        message: unparseable(se.raw(), &endpoint.url),
                    },
                }
            }
            SdkError::ResponseError(re) => AwsError::Other {
                service,
                message: unparseable(re.raw(), &endpoint.url),
            },
            _ => AwsError::Other {
                service,
                message: DisplayErrorContext(&err).to_string(),
            },
        }
    }

    /// The AWS error code, when AWS answered with one.
    pub fn code(&self) -> Option<&str> {
        match self {
            AwsError::Api { code, .. } => Some(code),
            _ => None,
        }
    }

    /// True when the error code is one of `codes`.
    pub fn is_code(&self, codes: &[&str]) -> bool {
        self.code().is_some_and(|c| codes.contains(&c))
    }

    /// True when AWS throttled the call ("not now" rather than "no"). The
    /// SDK retries it a few times; a wait keeps polling until its deadline.
    pub fn is_throttling(&self) -> bool {
        self.is_code(THROTTLING_CODES)
    }

    /// True when the endpoint answered but could not serve the call now:
    /// throttled, or a server error. Another attempt later may succeed.
    pub fn is_transient(&self) -> bool {
        self.is_throttling() || self.is_code(SERVER_BUSY_CODES)
    }

    pub fn service(&self) -> AwsApi {
        match self {
            AwsError::Unreachable { service, .. }
            | AwsError::Api { service, .. }
            | AwsError::Other { service, .. } => *service,
        }
    }

    /// A diagnostic for `operation` ("reading VPC vpc-1", ...). Unreachable
    /// endpoints are tied to `endpoints[0].<service>` when configured there.
    pub fn to_diagnostic(&self, operation: &str) -> Diagnostic {
        match self {
            AwsError::Unreachable {
                service,
                endpoint,
                reason,
            } => {
                let d = Diagnostic::error(
                    format!("Cannot reach the AWS {service} endpoint {}", endpoint.url),
                    format!(
                        "While {operation}, the provider could not connect to {} (set by {}): {reason}. \
                         Check that the endpoint is right and reachable from this machine.",
                        endpoint.url, endpoint.source
                    ),
                );
                if endpoint.configured {
                    d.at(AttributePath::attr("endpoints")
                        .index(0)
                        .attribute(service.attribute()))
                } else {
                    d
                }
            }
            AwsError::Api {
                service,
                code,
                message,
            } => Diagnostic::error(
                format!("AWS {service} error while {operation}"),
                format!("{code}: {message}"),
            ),
            AwsError::Other { service, message } => Diagnostic::error(
                format!("AWS {service} request failed while {operation}"),
                message.clone(),
            ),
        }
    }
}

impl fmt::Display for AwsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AwsError::Unreachable {
                service,
                endpoint,
                reason,
            } => {
                write!(
                    f,
                    "{service} endpoint {} unreachable: {reason}",
                    endpoint.url
                )
            }
            AwsError::Api { code, message, .. } => write!(f, "{code}: {message}"),
            AwsError::Other { message, .. } => f.write_str(message),
        }
    }
}

/// A response that is not an AWS error document (a proxy's or emulator's
/// error page, say): status and the start of the body.
fn unparseable(raw: &HttpResponse, url: &str) -> String {
    let body = raw
        .body()
        .bytes()
        .map(|b| String::from_utf8_lossy(b).into_owned())
        .unwrap_or_default();
    let text: String = body
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .chars()
        .take(200)
        .collect();
    format!(
        "{url} answered HTTP {} with a response that is not an AWS API response{}",
        raw.status().as_u16(),
        if text.is_empty() {
            String::new()
        } else {
            format!(": {text}")
        }
    )
}

/// The innermost cause of an error ("Connection refused (os error 111)").
fn root_cause(err: &(dyn std::error::Error + 'static)) -> String {
    let mut current = err;
    while let Some(next) = current.source() {
        current = next;
    }
    current.to_string()
}
