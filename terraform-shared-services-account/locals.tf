locals {
  # Values that differ per environment; the workspace name selects one.
  environments = {
    dev = {
      log_retention_days         = 365
      images_kept                = 20
      untagged_image_days        = 3
      artifact_noncurrent_days   = 30
      xray_fixed_rate            = 0.1
      access_log_expiration_days = 365
    }
    staging = {
      log_retention_days         = 365
      images_kept                = 30
      untagged_image_days        = 7
      artifact_noncurrent_days   = 90
      xray_fixed_rate            = 0.05
      access_log_expiration_days = 365
    }
    prod = {
      log_retention_days         = 731
      images_kept                = 100
      untagged_image_days        = 14
      artifact_noncurrent_days   = 365
      xray_fixed_rate            = 0.01
      access_log_expiration_days = 731
    }
  }

  environment       = terraform.workspace
  known_environment = contains(keys(local.environments), local.environment)
  # Falls back to dev's values only so that an unknown workspace evaluates far
  # enough for the guard (guard.tf) to stop the plan with a clear message.
  settings = local.environments[local.known_environment ? local.environment : "dev"]

  # "" or empty when the environment has no entry; the guard reports it.
  account_id            = lookup(var.shared_services_account_ids, local.environment, "")
  external_id           = lookup(var.external_ids, local.environment, "")
  workload_account_ids  = sort(distinct(lookup(var.workload_account_ids, local.environment, [])))
  monitoring_reader_ids = sort(distinct(lookup(var.monitoring_reader_account_ids, local.environment, [])))
  partition             = data.aws_partition.current.partition

  # The GitHub OIDC provider exists once per account (IAM is global). Only the
  # deployment in oidc_home_region creates it, and there, when environments
  # share the account, only the first of prod, staging, dev that maps to it;
  # every other workspace and region refers to it by its (fixed) ARN.
  oidc_owner      = try([for env in ["prod", "staging", "dev"] : env if lookup(var.shared_services_account_ids, env, "") == local.account_id][0], "")
  create_oidc     = var.github_oidc_provider_arn == null && local.known_environment && local.oidc_owner == local.environment && var.region == var.oidc_home_region
  github_oidc_url = "token.actions.githubusercontent.com"
  github_oidc_provider_arn = coalesce(
    var.github_oidc_provider_arn,
    "arn:${local.partition}:iam::${local.account_id}:oidc-provider/${local.github_oidc_url}",
  )

  name        = "${var.name_prefix}-${local.environment}"
  global_name = "${var.name_prefix}-${local.environment}-${var.region}"

  # Repositories are <prefix>-<env>/<service>, so environments sharing the
  # account never collide.
  repositories = { for s in var.services : s => "${local.name}/${s}" }

  # Bucket names are global: account id and region make them unique, and the
  # purpose keeps them apart from the other directories' buckets in a shared
  # account. Longest case: 12 + 1 + 7 + 1 + 14 + 1 + 12 + 1 + 14 = 63 characters.
  artifacts_bucket_name  = "${local.name}-artifacts-${local.account_id}-${var.region}"
  access_log_bucket_name = "${local.name}-artifacts-logs-${local.account_id}-${var.region}"

  tags = merge(var.tags, {
    Project     = "terraform-provider-privatelink"
    Component   = "terraform-shared-services-account"
    Environment = local.environment
    ManagedBy   = "Terraform"
    AccountType = "shared-services"
  })
}
