//! The provider block: schema (names as in hashicorp/aws) and its
//! translation into [`AwsSettings`].

use std::time::Duration;

use crate::aws::formats;
use crate::aws::{AssumeRole, AwsApi, AwsSettings};
use crate::resources::shared::tag_rules;
use crate::values::string_map;
use tfplugin::diagnostics::{Diagnostic, Diagnostics};
use tfplugin::path::AttributePath;
use tfplugin::schema::{Attribute, Block, NestedBlock, Schema};
use tfplugin::validators::Validator;
use tfplugin::validators::{self, HttpUrl, IntRange, Predicate};
use tfplugin::value::Value;

const MIN_SESSION: Duration = Duration::from_secs(15 * 60);
const MAX_SESSION: Duration = Duration::from_secs(12 * 3600);

pub fn provider_schema() -> Schema {
    let mut endpoints = Block::new().describe("Custom endpoint URLs per service, e.g. for an AWS emulator. `AWS_ENDPOINT_URL` and `AWS_ENDPOINT_URL_<SERVICE>` are honoured too; this block wins over both.");
    for service in AwsApi::ALL {
        endpoints = endpoints.attribute(
            Attribute::string(service.attribute())
                .optional()
                .describe(format!("Endpoint URL for {service}."))
                .validate(HttpUrl),
        );
    }
    Schema::new(
        Block::new()
            .describe("Exposes ECS Fargate services across AWS accounts through PrivateLink. Credentials come from the standard AWS chain (environment, shared files, SSO, container and instance roles), optionally followed by `assume_role`.")
            .attribute(
                Attribute::string("region")
                    .optional()
                    .describe("AWS region, e.g. `us-east-1`. Defaults to AWS_REGION / AWS_DEFAULT_REGION or the profile's region.")
                    .validate(Predicate { expected: "an AWS region such as \"us-east-1\"", check: formats::is_region }),
            )
            .attribute(Attribute::string("profile").optional().describe("Named profile from the shared configuration files."))
            .attribute(
                Attribute::string_list("shared_config_files")
                    .optional()
                    .describe("Shared config files to read instead of `~/.aws/config`."),
            )
            .attribute(
                Attribute::string_list("shared_credentials_files")
                    .optional()
                    .describe("Shared credentials files to read instead of `~/.aws/credentials`."),
            )
            .attribute(
                Attribute::number("max_retries")
                    .optional()
                    .describe(format!("Retries per API call on throttling and transient errors. Defaults to {}.", crate::aws::settings::DEFAULT_MAX_RETRIES))
                    .validate(IntRange { min: 0, max: 100 }),
            )
            .attribute(
                Attribute::bool("skip_credentials_validation")
                    .optional()
                    .describe("Skip the sts:GetCallerIdentity check made before the first AWS call."),
            )
            .block(NestedBlock::at_most_one(
                "assume_role",
                Block::new()
                    .describe("Assume this IAM role with the base credentials before any other call.")
                    .attribute(
                        Attribute::string("role_arn")
                            .required()
                            .describe("ARN of the role to assume.")
                            .validate(Predicate {
                                expected: "an IAM role ARN such as \"arn:aws:iam::123456789012:role/deploy\"",
                                check: formats::is_iam_role_arn,
                            }),
                    )
                    .attribute(
                        Attribute::string("external_id")
                            .optional()
                            .describe("External id the role's trust policy requires.")
                            .validate(Predicate {
                                expected: "2 to 1224 characters of letters, digits and _+=,.@:/-",
                                check: formats::is_external_id,
                            }),
                    )
                    .attribute(
                        Attribute::string("session_name")
                            .optional()
                            .describe("Session name recorded in CloudTrail. Defaults to `terraform-provider-privatelink`.")
                            .validate(Predicate {
                                expected: "2 to 64 characters of letters, digits and _+=,.@-",
                                check: formats::is_session_name,
                            }),
                    )
                    .attribute(
                        Attribute::string("duration")
                            .optional()
                            .describe("Session duration such as `1h` or `45m`, between 15m and 12h.")
                            .validate(validators::Duration { min: MIN_SESSION, max: MAX_SESSION }),
                    ),
            ))
            .block(NestedBlock::at_most_one("endpoints", endpoints))
            .block(NestedBlock::at_most_one(
                "default_tags",
                Block::new()
                    .describe("Tags applied to every taggable AWS object the provider creates; resource `tags` win on conflicts.")
                    .attribute(Attribute::string_map("tags").optional().describe("The tags.")),
            )),
    )
}

/// Cross-attribute checks (attribute formats are checked by validators).
pub fn validate(config: &Value, diags: &mut Diagnostics) {
    // Terraform treats every provider argument as optional during
    // `terraform validate` (they may come from the environment), so the
    // schema's `required` alone does not catch this there.
    let role = first_block(config, "assume_role");
    if !role.is_null() && role.get("role_arn").is_null() {
        diags.push(
            Diagnostic::error(
                "Missing role_arn",
                "An assume_role block needs role_arn: the ARN of the IAM role to assume.",
            )
            .at(AttributePath::attr("assume_role")
                .index(0)
                .attribute("role_arn")),
        );
    }
    let tags = first_block(config, "default_tags").get("tags");
    let at = AttributePath::attr("default_tags")
        .index(0)
        .attribute("tags");
    for rule in [
        &tag_rules::key_validator() as &dyn Validator,
        &tag_rules::value_validator(),
        &tag_rules::count_validator(),
    ] {
        rule.validate(tags, &at, diags);
    }
}

fn first_block<'a>(config: &'a Value, name: &str) -> &'a Value {
    config
        .get(name)
        .as_list()
        .and_then(|l| l.first())
        .unwrap_or(&Value::Null)
}

fn string_list(v: &Value) -> Vec<String> {
    v.as_list()
        .unwrap_or_default()
        .iter()
        .filter_map(|s| s.as_str().map(str::to_string))
        .collect()
}

fn opt_string(v: &Value) -> Option<String> {
    v.as_str().map(str::to_string)
}

/// Translates a wholly known provider block into settings.
pub fn settings_from_config(config: &Value) -> Result<AwsSettings, Diagnostics> {
    let mut settings = AwsSettings::new();
    settings.region = opt_string(config.get("region"));
    settings.profile = opt_string(config.get("profile"));
    settings.shared_config_files = string_list(config.get("shared_config_files"));
    settings.shared_credentials_files = string_list(config.get("shared_credentials_files"));
    if let Some(n) = config.get("max_retries").as_i64() {
        settings.max_retries = n.clamp(0, 100) as u32;
    }
    settings.skip_credentials_validation = config
        .get("skip_credentials_validation")
        .as_bool()
        .unwrap_or(false);

    let role = first_block(config, "assume_role");
    if !role.is_null() {
        let role_arn = opt_string(role.get("role_arn")).unwrap_or_default();
        settings.assume_role = Some(AssumeRole {
            role_arn,
            external_id: opt_string(role.get("external_id")),
            session_name: opt_string(role.get("session_name")),
            duration: role
                .get("duration")
                .as_str()
                .and_then(validators::format::parse_duration),
        });
    }
    let endpoints = first_block(config, "endpoints");
    for service in AwsApi::ALL {
        if let Some(url) = endpoints.get(service.attribute()).as_str() {
            settings.endpoints.insert(service, url.to_string());
        }
    }
    let tags = string_map(first_block(config, "default_tags").get("tags"));
    settings.default_tags = tags;
    Ok(settings)
}

#[cfg(test)]
mod tests {
    use super::*;
    use tfplugin::validators::validate_block;

    fn config(pairs: &[(&str, Value)]) -> Value {
        let mut v = Value::null_object(&provider_schema().value_type());
        for (k, val) in pairs {
            v.set(k, val.clone());
        }
        v
    }

    fn block(pairs: &[(&str, Value)]) -> Value {
        Value::List(vec![Value::Map(
            pairs
                .iter()
                .map(|(k, v)| (k.to_string(), v.clone()))
                .collect(),
        )])
    }

    #[test]
    fn bad_values_are_reported_at_their_path() {
        let c = config(&[
            ("region", "mars-1".into()),
            (
                "assume_role",
                block(&[
                    ("role_arn", "arn:aws:iam::1:role/x".into()),
                    ("duration", "3 days".into()),
                ]),
            ),
            ("endpoints", block(&[("ec2", "localhost:4566".into())])),
        ]);
        let diags = validate_block(&provider_schema().block, &c);
        let paths: Vec<String> = diags
            .iter()
            .filter_map(|d| d.path.as_ref().map(|p| p.to_string()))
            .collect();
        assert!(paths.contains(&"region".to_string()), "{paths:?}");
        assert!(
            paths.contains(&"assume_role[0].role_arn".to_string()),
            "{paths:?}"
        );
        assert!(
            paths.contains(&"assume_role[0].duration".to_string()),
            "{paths:?}"
        );
        assert!(paths.contains(&"endpoints[0].ec2".to_string()), "{paths:?}");
    }

    #[test]
    fn settings_follow_the_block() {
        let c = config(&[
            ("region", "eu-west-1".into()),
            ("max_retries", 2i64.into()),
            (
                "assume_role",
                block(&[
                    ("role_arn", "arn:aws:iam::123456789012:role/x".into()),
                    ("duration", "1h".into()),
                    ("external_id", Value::Null),
                    ("session_name", Value::Null),
                ]),
            ),
            ("endpoints", block(&[("ec2", "http://127.0.0.1:1".into())])),
        ]);
        let s = settings_from_config(&c).unwrap();
        assert_eq!(s.region.as_deref(), Some("eu-west-1"));
        assert_eq!(s.max_retries, 2);
        assert_eq!(
            s.assume_role.unwrap().duration,
            Some(Duration::from_secs(3600))
        );
        assert_eq!(
            s.endpoints.get(&AwsApi::Ec2).map(String::as_str),
            Some("http://127.0.0.1:1")
        );
    }
}
