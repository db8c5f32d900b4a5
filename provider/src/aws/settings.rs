//! The provider settings that shape AWS access (names as in hashicorp/aws).

use std::collections::BTreeMap;
use std::time::Duration;

use super::endpoints::AwsApi;

/// `assume_role { ... }`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct AssumeRole {
    pub role_arn: String,
    pub external_id: Option<String>,
    pub session_name: Option<String>,
    pub duration: Option<Duration>,
}

/// Everything the provider block says about reaching AWS.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct AwsSettings {
    pub region: Option<String>,
    pub profile: Option<String>,
    pub shared_config_files: Vec<String>,
    pub shared_credentials_files: Vec<String>,
    pub assume_role: Option<AssumeRole>,
    /// Per-service endpoint overrides (`endpoints { ec2 = "..." }`).
    pub endpoints: BTreeMap<AwsApi, String>,
    pub default_tags: BTreeMap<String, String>,
    pub max_retries: u32,
    pub skip_credentials_validation: bool,
}

/// Retries per API call when the provider block does not say.
pub const DEFAULT_MAX_RETRIES: u32 = 5;

impl AwsSettings {
    pub fn new() -> Self {
        Self {
            max_retries: DEFAULT_MAX_RETRIES,
            ..Default::default()
        }
    }
}
