//! The configured AWS service clients the resources use.

use std::collections::BTreeMap;
use std::sync::Arc;

use aws_sdk_ec2::config::retry::{RetryPartition, TokenBucket};
use tokio::sync::OnceCell;

use aws_smithy_runtime_api::client::orchestrator::HttpResponse;
use aws_smithy_runtime_api::client::result::SdkError;
use aws_smithy_types::error::metadata::ProvideErrorMetadata;

use super::endpoints::{AwsApi, ResolvedEndpoint, resolve};
use super::errors::AwsError;
use super::identity::{CallerIdentity, caller_identity};
use super::sdk_config;
use super::settings::{AssumeRole, AwsSettings};
use tfplugin::diagnostics::{Diagnostic, Diagnostics};

/// The SDK's retry partition for one service's client: retries are bounded
/// per call by `max_retries` (with jittered exponential backoff), not by the
/// SDK's retry quota shared by every call of the process. A workspace of many
/// resources meeting throttling drains that quota in a burst, after which
/// calls fail at their first throttled answer with retries left (hashicorp/aws
/// disables its quota likewise).
fn retry_partition(service: &'static str) -> RetryPartition {
    RetryPartition::custom(service)
        .token_bucket(TokenBucket::unlimited())
        .build()
}

/// Service clients plus what resources need to know about the account.
#[derive(Clone, Debug)]
pub struct AwsClients {
    pub ec2: aws_sdk_ec2::Client,
    pub ecs: aws_sdk_ecs::Client,
    pub elbv2: aws_sdk_elasticloadbalancingv2::Client,
    pub logs: aws_sdk_cloudwatchlogs::Client,
    pub sts: aws_sdk_sts::Client,
    pub region: String,
    pub endpoints: BTreeMap<AwsApi, ResolvedEndpoint>,
    /// Provider-level `default_tags`, merged under every resource's tags.
    pub default_tags: BTreeMap<String, String>,
    /// The SDK configuration the clients were built from (credentials,
    /// retries, timeouts), for clients acting as another role.
    sdk: aws_config::SdkConfig,
    /// The credentials check, done once on first use (see
    /// `validate_credentials`); absent with `skip_credentials_validation`.
    credentials_check: Option<Arc<OnceCell<CallerIdentity>>>,
    /// Lookups by id that parallel resources make at once, coalesced.
    pub lookups: Arc<super::lookups::Lookups>,
}

impl AwsClients {
    /// Builds the clients. No call is made here: the credentials are
    /// checked on first use (`validate_credentials`).
    pub async fn connect(settings: &AwsSettings) -> Result<Self, Diagnostics> {
        let sts_override = settings.endpoints.get(&AwsApi::Sts).map(String::as_str);
        let sdk = sdk_config::load(settings, sts_override).await?;
        let region = sdk.region().map(|r| r.to_string()).unwrap_or_default();
        let env = |k: &str| std::env::var(k).ok();
        let endpoints: BTreeMap<AwsApi, ResolvedEndpoint> = AwsApi::ALL
            .iter()
            .map(|s| {
                let configured = settings.endpoints.get(s).map(String::as_str);
                (
                    *s,
                    resolve(*s, configured, &env, sdk.endpoint_url(), &region),
                )
            })
            .collect();
        Ok(Self::from_parts(
            sdk,
            region,
            endpoints,
            settings.default_tags.clone(),
            !settings.skip_credentials_validation,
        ))
    }

    /// Clients over `sdk` at the resolved `endpoints`.
    fn from_parts(
        sdk: aws_config::SdkConfig,
        region: String,
        endpoints: BTreeMap<AwsApi, ResolvedEndpoint>,
        default_tags: BTreeMap<String, String>,
        check_credentials: bool,
    ) -> Self {
        let url = |s: AwsApi| endpoints[&s].configured.then(|| endpoints[&s].url.clone());
        let mut ec2 =
            aws_sdk_ec2::config::Builder::from(&sdk).retry_partition(retry_partition("ec2"));
        if let Some(u) = url(AwsApi::Ec2) {
            ec2 = ec2.endpoint_url(u);
        }
        let mut ecs =
            aws_sdk_ecs::config::Builder::from(&sdk).retry_partition(retry_partition("ecs"));
        if let Some(u) = url(AwsApi::Ecs) {
            ecs = ecs.endpoint_url(u);
        }
        let mut elbv2 = aws_sdk_elasticloadbalancingv2::config::Builder::from(&sdk)
            .retry_partition(retry_partition("elbv2"));
        if let Some(u) = url(AwsApi::Elbv2) {
            elbv2 = elbv2.endpoint_url(u);
        }
        let mut logs = aws_sdk_cloudwatchlogs::config::Builder::from(&sdk)
            .retry_partition(retry_partition("logs"));
        if let Some(u) = url(AwsApi::Logs) {
            logs = logs.endpoint_url(u);
        }
        let mut sts =
            aws_sdk_sts::config::Builder::from(&sdk).retry_partition(retry_partition("sts"));
        if let Some(u) = url(AwsApi::Sts) {
            sts = sts.endpoint_url(u);
        }
        AwsClients {
            ec2: aws_sdk_ec2::Client::from_conf(ec2.build()),
            ecs: aws_sdk_ecs::Client::from_conf(ecs.build()),
            elbv2: aws_sdk_elasticloadbalancingv2::Client::from_conf(elbv2.build()),
            logs: aws_sdk_cloudwatchlogs::Client::from_conf(logs.build()),
            sts: aws_sdk_sts::Client::from_conf(sts.build()),
            region,
            endpoints,
            default_tags,
            sdk,
            credentials_check: check_credentials.then(|| Arc::new(OnceCell::new())),
            lookups: Arc::new(super::lookups::Lookups::new()),
        }
    }

    /// Clients acting as `role`, assumed with these clients' credentials
    /// (at the same endpoints, region and retry settings). The role is
    /// assumed and checked (sts:GetCallerIdentity) before this returns, so
    /// a role that cannot be assumed fails here.
    pub async fn assume(
        &self,
        role: &AssumeRole,
    ) -> Result<(AwsClients, CallerIdentity), AwsError> {
        let sts_endpoint = self
            .endpoint(AwsApi::Sts)
            .configured
            .then(|| self.endpoint(AwsApi::Sts).url.clone());
        let sdk = sdk_config::assume_role(&self.sdk, sts_endpoint.as_deref(), role).await;
        let clients = Self::from_parts(
            sdk,
            self.region.clone(),
            self.endpoints.clone(),
            self.default_tags.clone(),
            false,
        );
        let identity = caller_identity(&clients).await?;
        Ok((clients, identity))
    }

    /// Proves the credentials work and the STS endpoint answers
    /// (sts:GetCallerIdentity). A success is remembered for the provider
    /// instance; a failure is not, so a passing network error or an
    /// expired session fixed meanwhile does not fail every later call.
    /// `None` when the check is skipped.
    pub async fn validate_credentials(&self) -> Result<Option<&CallerIdentity>, Diagnostics> {
        let Some(check) = &self.credentials_check else {
            return Ok(None);
        };
        check
            .get_or_try_init(|| async {
                let identity = caller_identity(self).await.map_err(|e| {
                    let mut d: Diagnostic =
                        e.to_diagnostic("validating credentials with sts:GetCallerIdentity");
                    d.detail.push_str(
                        " To configure the provider without this check (for example against an AWS emulator), set skip_credentials_validation = true.",
                    );
                    Diagnostics::from(d)
                })?;
                tracing::debug!(account = %identity.account_id, "credentials validated");
                Ok(identity)
            })
            .await
            .map(Some)
    }

    /// The resolved endpoint of `service`.
    pub fn endpoint(&self, service: AwsApi) -> &ResolvedEndpoint {
        &self.endpoints[&service]
    }

    /// Classifies an SDK error from a call to `service`.
    pub fn error<E>(&self, service: AwsApi, err: SdkError<E, HttpResponse>) -> AwsError
    where
        E: ProvideErrorMetadata + std::error::Error + Send + Sync + 'static,
    {
        AwsError::from_sdk(service, self.endpoint(service), err)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::aws::settings::AwsSettings;
    use tokio::io::{AsyncReadExt, AsyncWriteExt};

    const DENIED: &str = r#"<ErrorResponse><Error><Type>Sender</Type><Code>InvalidClientTokenId</Code><Message>The security token included in the request is invalid.</Message></Error><RequestId>1</RequestId></ErrorResponse>"#;
    const IDENTITY: &str = r#"<GetCallerIdentityResponse><GetCallerIdentityResult><Arn>arn:aws:iam::123456789012:user/ci</Arn><UserId>AIDA</UserId><Account>123456789012</Account></GetCallerIdentityResult><ResponseMetadata><RequestId>2</RequestId></ResponseMetadata></GetCallerIdentityResponse>"#;

    /// Reads one HTTP request (headers and its small body) from `socket`;
    /// false when the client closed the connection first.
    async fn read_request(socket: &mut tokio::net::TcpStream) -> bool {
        let mut request = Vec::new();
        let mut buf = [0u8; 4096];
        loop {
            let n = socket.read(&mut buf).await.unwrap_or(0);
            if n == 0 {
                return false;
            }
            request.extend_from_slice(&buf[..n]);
            let text = String::from_utf8_lossy(&request);
            if let Some(end) = text.find("\r\n\r\n") {
                let length = text[..end]
                    .lines()
                    .find_map(|l| {
                        l.to_ascii_lowercase()
                            .strip_prefix("content-length:")
                            .map(|v| v.trim().parse::<usize>().unwrap())
                    })
                    .unwrap_or(0);
                if request.len() >= end + 4 + length {
                    return true;
                }
            }
        }
    }

    /// Answers with `status` and the XML `body`, then closes the connection.
    async fn respond(
        socket: &mut tokio::net::TcpStream,
        status: u16,
        body: &str,
    ) -> std::io::Result<()> {
        let response = format!(
            "HTTP/1.1 {status} X\r\ncontent-type: text/xml\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
            body.len()
        );
        socket.write_all(response.as_bytes()).await?;
        socket.shutdown().await
    }

    /// An STS endpoint on loopback answering each request with the next of
    /// `answers` (status, body); returns its URL.
    async fn sts_answering(answers: Vec<(u16, &'static str)>) -> String {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        tokio::spawn(async move {
            for (status, body) in answers {
                let (mut socket, _) = listener.accept().await.unwrap();
                assert!(read_request(&mut socket).await, "the client closed first");
                respond(&mut socket, status, body).await.unwrap();
            }
        });
        url
    }

    const THROTTLED_STS: &str = r#"<ErrorResponse><Error><Type>Sender</Type><Code>Throttling</Code><Message>Rate exceeded</Message></Error><RequestId>1</RequestId></ErrorResponse>"#;
    const THROTTLED: &str = r#"<Response><Errors><Error><Code>Throttling</Code><Message>Rate exceeded</Message></Error></Errors><RequestID>1</RequestID></Response>"#;

    /// An endpoint on loopback answering every request with EC2's
    /// throttling error; returns its URL and the count of requests.
    async fn always_throttling() -> (String, Arc<std::sync::atomic::AtomicUsize>) {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        let count = Arc::new(std::sync::atomic::AtomicUsize::new(0));
        let counted = Arc::clone(&count);
        tokio::spawn(async move {
            loop {
                let (mut socket, _) = listener.accept().await.unwrap();
                let counted = Arc::clone(&counted);
                tokio::spawn(async move {
                    if read_request(&mut socket).await {
                        counted.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                        let _ = respond(&mut socket, 400, THROTTLED).await;
                    }
                });
            }
        });
        (url, count)
    }

    #[tokio::test]
    async fn every_call_gets_its_retries_however_many_calls_are_throttled() {
        use aws_config::retry::RetryConfig;
        const CALLS: usize = 40;
        const ATTEMPTS: u32 = 4;
        let (url, requests) = always_throttling().await;
        let sdk = aws_config::SdkConfig::builder()
            .behavior_version(aws_config::BehaviorVersion::latest())
            .region(aws_config::Region::new("us-east-1"))
            .credentials_provider(aws_sdk_ec2::config::SharedCredentialsProvider::new(
                aws_sdk_ec2::config::Credentials::new("AKIATEST", "secret", None, None, "test"),
            ))
            .retry_config(
                RetryConfig::standard()
                    .with_max_attempts(ATTEMPTS)
                    .with_initial_backoff(std::time::Duration::from_millis(1)),
            )
            .endpoint_url(&url)
            .build();
        let endpoints = AwsApi::ALL
            .iter()
            .map(|s| (*s, resolve(*s, Some(&url), &|_| None, None, "us-east-1")))
            .collect();
        let clients =
            AwsClients::from_parts(sdk, "us-east-1".into(), endpoints, BTreeMap::new(), false);
        let mut calls = tokio::task::JoinSet::new();
        for _ in 0..CALLS {
            let ec2 = clients.ec2.clone();
            calls.spawn(async move { ec2.describe_vpcs().send().await.is_err() });
        }
        assert!(calls.join_all().await.into_iter().all(|failed| failed));
        // With the SDK's default quota (500 tokens, 5 per retry), the calls
        // would stop retrying after 100 failed retries: 140 requests at most.
        assert_eq!(
            requests.load(std::sync::atomic::Ordering::SeqCst),
            CALLS * ATTEMPTS as usize
        );
    }

    /// Clients whose STS endpoint is `url`, with credentials from files.
    async fn clients_with_sts(url: String) -> AwsClients {
        let dir = tempfile::tempdir().unwrap();
        let credentials = dir.path().join("credentials");
        std::fs::write(
            &credentials,
            "[default]\naws_access_key_id = AKIATEST\naws_secret_access_key = secret\n",
        )
        .unwrap();
        let mut settings = AwsSettings::new();
        settings.region = Some("us-east-1".into());
        settings.profile = Some("default".into());
        settings.shared_credentials_files = vec![credentials.display().to_string()];
        let config = dir.path().join("config");
        std::fs::write(&config, "[default]\n").unwrap();
        settings.shared_config_files = vec![config.display().to_string()];
        settings.endpoints.insert(AwsApi::Sts, url);
        AwsClients::connect(&settings).await.unwrap()
    }

    #[tokio::test]
    async fn a_failed_credentials_check_is_tried_again_and_a_success_remembered() {
        let url = sts_answering(vec![(403, DENIED), (200, IDENTITY)]).await;
        let clients = clients_with_sts(url).await;

        let first = clients.validate_credentials().await.unwrap_err();
        assert!(
            format!("{first:?}").contains("InvalidClientTokenId"),
            "{first:?}"
        );
        let second = clients.validate_credentials().await.unwrap().unwrap();
        assert_eq!(second.account_id, "123456789012");
        // Remembered: the endpoint answers no third request.
        let third = clients.validate_credentials().await.unwrap().unwrap();
        assert_eq!(third.account_id, "123456789012");
    }

    #[tokio::test]
    async fn a_throttled_credentials_check_gets_the_clients_retries() {
        // More throttled answers than the quick first check's 3 attempts
        // (the throttling acceptance test's destroy failed this way).
        let throttled = (400, THROTTLED_STS);
        let url = sts_answering(vec![
            throttled,
            throttled,
            throttled,
            throttled,
            (200, IDENTITY),
        ])
        .await;
        let clients = clients_with_sts(url).await;
        let identity = clients.validate_credentials().await.unwrap().unwrap();
        assert_eq!(identity.account_id, "123456789012");
    }
}
