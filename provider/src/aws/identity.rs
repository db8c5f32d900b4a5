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

/// Calls sts:GetCallerIdentity with a small retry budget, so a wrong or
/// unreachable endpoint fails within seconds.
pub async fn caller_identity(clients: &AwsClients) -> Result<CallerIdentity, AwsError> {
    let out = clients
        .sts
        .get_caller_identity()
        .customize()
        .config_override(
            aws_sdk_sts::config::Builder::default()
                .retry_config(RetryConfig::standard().with_max_attempts(3)),
        )
        .send()
        .await
        .map_err(|e| clients.error(AwsApi::Sts, e))?;
    Ok(CallerIdentity {
        account_id: out.account().unwrap_or_default().to_string(),
        arn: out.arn().unwrap_or_default().to_string(),
    })
}
