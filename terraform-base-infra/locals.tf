locals {
  # Values that differ per environment; the workspace name selects one.
  environments = {
    dev = {
      amazon_side_asn = 64512
    }
    staging = {
      amazon_side_asn = 64513
    }
    prod = {
      amazon_side_asn = 64514
    }
  }

  environment       = terraform.workspace
  known_environment = contains(keys(local.environments), local.environment)
  # Falls back to dev's values only so that an unknown workspace evaluates far
  # enough for the guard (guard.tf) to stop the plan with a clear message.
  settings = local.environments[local.known_environment ? local.environment : "dev"]

  # "" when the environment has no entry; the guard reports it.
  account_id          = lookup(var.networking_account_ids, local.environment, "")
  security_account_id = lookup(var.security_account_ids, local.environment, "")
  external_id         = lookup(var.external_ids, local.environment, "")
  partition           = data.aws_partition.current.partition

  # <prefix>-<env> for regional resources; IAM names also carry the region.
  name        = "${var.name_prefix}-${local.environment}"
  global_name = "${var.name_prefix}-${local.environment}-${var.region}"

  workloads            = lookup(var.workload_vpcs, local.environment, {})
  workload_account_ids = sort(distinct([for w in local.workloads : w.account_id]))
  # The RAM share only reaches other accounts; the networking account owns the TGW.
  shared_account_ids    = [for id in local.workload_account_ids : id if id != local.account_id]
  share_transit_gateway = length(local.shared_account_ids) > 0
  attachments           = { for name, w in local.workloads : name => w if w.attachment_id != null }
  # Same-account attachments are available at once; only others need accepting.
  cross_account_attachments = { for name, w in local.attachments : name => w if w.account_id != local.account_id }

  tags = merge(var.tags, {
    Project     = "terraform-provider-privatelink"
    Component   = "terraform-base-infra"
    Environment = local.environment
    ManagedBy   = "Terraform"
    AccountType = "networking"
  })
}
