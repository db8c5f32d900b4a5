//! The caller identity check done before the first AWS call (unless
//! `skip_credentials_validation`): proves the credentials work and the STS
//! endpoint answers, and learns the account and partition.

use aws_config::retry::RetryConfig;

use super::clients::AwsClients;
use super::endpoints::AwsApi;
use super::errors::AwsError;

/// The IAM actions the credential check calls (checked against this file by
/// `aws::permissions`' tests).
pub const IAM_ACTIONS: &[&str] = &["sts:GetCallerIdentity"];

/// Who the provider acts as.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CallerIdentity {
    pub account_id: String,
    pub arn: String,
}

impl CallerIdentity {
    /// `aws`, `aws-cn`, `aws-us-gov`... from the caller ARN.
    pub fn partition(&self) -> &str {
        self.arn.split(':').nth(1).unwrap_or("aws")
    }
}

/// Attempts of the first credential check: an unreachable endpoint or
/// wrong credentials fail within seconds.
const QUICK_ATTEMPTS: u32 = 3;

/// Calls sts:GetCallerIdentity, first with a small retry budget, so a wrong
/// or unreachable endpoint fails within seconds; when STS answers but is
/// throttling or busy, once more with the clients' own retries
/// (`max_retries`), as every other call gets.
pub async fn caller_identity(clients: &AwsClients) -> Result<CallerIdentity, AwsError> {
    match get_caller_identity(clients, Some(QUICK_ATTEMPTS)).await {
        Err(e) if e.is_transient() => get_caller_identity(clients, None).await,
        answered => answered,
    }
}

/// One GetCallerIdentity call, with at most `attempts` attempts (`None`:
/// the clients' retry settings).
async fn get_caller_identity(
    clients: &AwsClients,
    attempts: Option<u32>,
) -> Result<CallerIdentity, AwsError> {
    let mut call = clients.sts.get_caller_identity().customize();
    if let Some(attempts) = attempts {
        call = call.config_override(
            aws_sdk_sts::config::Builder::default()
                .retry_config(RetryConfig::standard().with_max_attempts(attempts)),
        );
    }
    let out = call
        .send()
        .await
        .map_err(|e| clients.error(AwsApi::Sts, e))?;
    Ok(CallerIdentity {
        account_id: out.account().unwrap_or_default().to_string(),
        arn: out.arn().unwrap_or_default().to_string(),
    })
}
