//! Builds the AWS SDK configuration from provider settings: the standard
//! credential chain (environment, shared files and profile, SSO, process,
//! container and instance roles), optionally assuming a role, with bounded
//! retries and timeouts.

use std::time::Duration;

use aws_config::retry::RetryConfig;
use aws_config::sts::AssumeRoleProvider;
use aws_config::timeout::TimeoutConfig;
use aws_config::{AppName, BehaviorVersion, Region, SdkConfig};
use aws_credential_types::provider::SharedCredentialsProvider;
use aws_runtime::env_config::file::{EnvConfigFileKind, EnvConfigFiles};

use super::settings::{AssumeRole, AwsSettings};
use tfplugin::diagnostics::{Diagnostic, Diagnostics};
use tfplugin::path::AttributePath;

/// Connecting to an endpoint never takes longer than this.
pub const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
/// The app name in the User-Agent of every AWS call (`app/<APP_NAME>`),
/// which tells this provider's calls apart in CloudTrail.
pub const APP_NAME: &str = "terraform-provider-privatelink";
/// The session name of assumed roles when none is configured.
pub const DEFAULT_SESSION_NAME: &str = "terraform-provider-privatelink";
/// One attempt of one API call never takes longer than this.
pub const ATTEMPT_TIMEOUT: Duration = Duration::from_secs(60);

/// Loads the SDK configuration. The STS endpoint override (if any) applies
/// to the role assumption too.
pub async fn load(
    settings: &AwsSettings,
    sts_endpoint: Option<&str>,
) -> Result<SdkConfig, Diagnostics> {
    let mut loader = aws_config::defaults(BehaviorVersion::latest())
        .app_name(AppName::new(APP_NAME).expect("a valid app name"))
        .retry_config(RetryConfig::standard().with_max_attempts(settings.max_retries + 1))
        .timeout_config(
            TimeoutConfig::builder()
                .connect_timeout(CONNECT_TIMEOUT)
                .operation_attempt_timeout(ATTEMPT_TIMEOUT)
                .build(),
        );
    if let Some(region) = &settings.region {
        loader = loader.region(Region::new(region.clone()));
    }
    if let Some(profile) = &settings.profile {
        loader = loader.profile_name(profile);
    }
    let files = profile_files(settings);
    if let Some(profile) = &settings.profile {
        check_profile_exists(profile, &files).await?;
    }
    loader = loader.profile_files(files);
    let base = loader.load().await;
    if base.region().is_none_or(|r| r.as_ref().trim().is_empty()) {
        return Err(Diagnostic::error(
            "No AWS region",
            "Set `region` in the provider block, or AWS_REGION in the environment, or a region in the selected AWS profile.",
        )
        .at(AttributePath::attr("region"))
        .into());
    }
    let Some(role) = &settings.assume_role else {
        return Ok(base);
    };

    Ok(assume_role(&base, sts_endpoint, role).await)
}

/// `base` with its credentials replaced by those of `role`, assumed with
/// `base`'s credentials (through `sts_endpoint` when given). Nothing is
/// called yet: the role is assumed on the first request.
pub async fn assume_role(
    base: &SdkConfig,
    sts_endpoint: Option<&str>,
    role: &AssumeRole,
) -> SdkConfig {
    let sts_conf = match sts_endpoint {
        Some(url) => base.to_builder().endpoint_url(url).build(),
        None => base.clone(),
    };
    let mut builder = AssumeRoleProvider::builder(role.role_arn.clone())
        .session_name(
            role.session_name
                .clone()
                .unwrap_or_else(|| DEFAULT_SESSION_NAME.into()),
        )
        .configure(&sts_conf);
    if let Some(id) = &role.external_id {
        builder = builder.external_id(id.clone());
    }
    if let Some(d) = role.duration {
        builder = builder.session_length(d);
    }
    let provider = builder.build().await;
    base.to_builder()
        .credentials_provider(SharedCredentialsProvider::new(provider))
        .build()
}

/// The shared config and credentials files to read. Listing files replaces
/// the default file of that kind, as in hashicorp/aws.
fn profile_files(settings: &AwsSettings) -> EnvConfigFiles {
    let mut files = EnvConfigFiles::builder()
        .include_default_config_file(settings.shared_config_files.is_empty())
        .include_default_credentials_file(settings.shared_credentials_files.is_empty());
    for f in &settings.shared_config_files {
        files = files.with_file(EnvConfigFileKind::Config, expand_home(f));
    }
    for f in &settings.shared_credentials_files {
        files = files.with_file(EnvConfigFileKind::Credentials, expand_home(f));
    }
    files.build()
}

/// Fails with the attribute path when `profile` is in none of the files
/// (the SDK would otherwise report a missing region or credentials).
async fn check_profile_exists(profile: &str, files: &EnvConfigFiles) -> Result<(), Diagnostics> {
    let fs = aws_types::os_shim_internal::Fs::real();
    let env = aws_types::os_shim_internal::Env::real();
    let loaded =
        aws_config::profile::load(&fs, &env, files, Some(profile.to_string().into())).await;
    let known: Vec<String> = match &loaded {
        Ok(set) if set.get_profile(profile).is_some() => return Ok(()),
        Ok(set) => set.profiles().map(str::to_string).collect(),
        Err(e) => {
            return Err(Diagnostic::error(
                "Cannot read the shared AWS configuration",
                e.to_string(),
            )
            .at(AttributePath::attr("profile"))
            .into());
        }
    };
    let detail = if known.is_empty() {
        format!(
            "Profile {profile:?} is not defined: the shared config and credentials files define no profiles."
        )
    } else {
        format!(
            "Profile {profile:?} is not defined in the shared config or credentials files; they define: {}.",
            known.join(", ")
        )
    };
    Err(Diagnostic::error("AWS profile not found", detail)
        .at(AttributePath::attr("profile"))
        .into())
}

fn expand_home(path: &str) -> String {
    match (path.strip_prefix("~/"), std::env::var("HOME")) {
        (Some(rest), Ok(home)) => format!("{home}/{rest}"),
        _ => path.to_string(),
    }
}
