locals {
  # Values that differ per environment; the workspace name selects one.
  environments = {
    dev = {
      log_retention_days           = 365
      audit_log_expiration_days    = 365
      guardduty_frequency          = "SIX_HOURS"
      config_recording_frequency   = "DAILY"
      config_snapshot_frequency    = "TwentyFour_Hours"
      cloudtrail_insight_types     = []
      cloudtrail_s3_data_events    = false
      audit_log_glacier_after_days = 90
    }
    staging = {
      log_retention_days           = 365
      audit_log_expiration_days    = 730
      guardduty_frequency          = "ONE_HOUR"
      config_recording_frequency   = "DAILY"
      config_snapshot_frequency    = "TwentyFour_Hours"
      cloudtrail_insight_types     = []
      cloudtrail_s3_data_events    = false
      audit_log_glacier_after_days = 90
    }
    prod = {
      log_retention_days           = 731
      audit_log_expiration_days    = 2557
      guardduty_frequency          = "FIFTEEN_MINUTES"
      config_recording_frequency   = "CONTINUOUS"
      config_snapshot_frequency    = "Six_Hours"
      cloudtrail_insight_types     = ["ApiCallRateInsight", "ApiErrorRateInsight"]
      cloudtrail_s3_data_events    = true
      audit_log_glacier_after_days = 90
    }
  }

  environment       = terraform.workspace
  known_environment = contains(keys(local.environments), local.environment)
  # Falls back to dev's values only so that an unknown workspace evaluates far
  # enough for the guard (guard.tf) to stop the plan with a clear message.
  settings = local.environments[local.known_environment ? local.environment : "dev"]

  # "" when the environment has no entry; the guard reports it.
  account_id       = lookup(var.security_account_ids, local.environment, "")
  external_id      = lookup(var.external_ids, local.environment, "")
  audit_reader_ids = sort(distinct(lookup(var.audit_reader_account_ids, local.environment, [])))
  alert_emails     = toset(lookup(var.alert_email_addresses, local.environment, []))
  partition        = data.aws_partition.current.partition

  # CloudTrail, Config, GuardDuty, Security Hub and Inspector exist once per
  # account and region. When environments share the security account, the
  # first of prod, staging, dev that maps to it owns them.
  account_services_owner = try([for env in ["prod", "staging", "dev"] : env if lookup(var.security_account_ids, env, "") == local.account_id][0], "")
  owns_account_services  = local.known_environment && local.account_services_owner == local.environment
  # The trail is multi-region, and a multi-region trail's name is taken in
  # every region of the account: only the deployment in trail_home_region
  # creates it; the others record only their regional services.
  owns_trail = var.region == var.trail_home_region
  # Instance counts of each account-wide service in this workspace.
  service_count = {
    for service, enabled in var.enabled_services :
    service => local.owns_account_services && enabled && (service != "cloudtrail" || local.owns_trail) ? 1 : 0
  }
  # The audit bucket receives CloudTrail and Config deliveries.
  audit_bucket_count = max(local.service_count.cloudtrail, local.service_count.config)

  name        = "${var.name_prefix}-${local.environment}"
  global_name = "${var.name_prefix}-${local.environment}-${var.region}"

  # Bucket names are global: account id and region make them unique, and the
  # purpose keeps them apart from the other directories' buckets in a shared
  # account. Longest case: 12 + 1 + 7 + 1 + 14 + 1 + 12 + 1 + 14 = 63 characters.
  audit_bucket_name      = "${local.name}-audit-${local.account_id}-${var.region}"
  access_log_bucket_name = "${local.name}-audit-logs-${local.account_id}-${var.region}"
  trail_name             = "${local.name}-trail"
  # Built rather than referenced, so the key and bucket policies can name the
  # trail before it exists. The trail's ARN carries its home region; the
  # policies grant CloudTrail only where the trail is created
  # (service_count.cloudtrail).
  trail_arn = "arn:${local.partition}:cloudtrail:${var.trail_home_region}:${local.account_id}:trail/${local.trail_name}"

  security_hub_standard_arns = {
    "aws-foundational-security-best-practices" = "arn:${local.partition}:securityhub:${var.region}::standards/aws-foundational-security-best-practices/v/1.0.0"
    "cis-aws-foundations-benchmark-1.4.0"      = "arn:${local.partition}:securityhub:${var.region}::standards/cis-aws-foundations-benchmark/v/1.4.0"
    "nist-800-53-5.0.0"                        = "arn:${local.partition}:securityhub:${var.region}::standards/nist-800-53/v/5.0.0"
    "pci-dss-3.2.1"                            = "arn:${local.partition}:securityhub:${var.region}::standards/pci-dss/v/3.2.1"
  }

  tags = merge(var.tags, {
    Project     = "terraform-provider-privatelink"
    Component   = "terraform-security-account"
    Environment = local.environment
    ManagedBy   = "Terraform"
    AccountType = "security"
  })
}
