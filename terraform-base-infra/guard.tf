data "aws_partition" "current" {}

# Every plan reads the caller identity; its preconditions stop the plan before
# anything is created when the workspace or the inputs do not fit.
data "aws_caller_identity" "current" {
  lifecycle {
    precondition {
      condition     = local.known_environment
      error_message = "Workspace \"${terraform.workspace}\" is not an environment of this directory. Run `terraform workspace select -or-create dev` (or staging, prod); the default workspace is deliberately unsupported."
    }
    precondition {
      condition     = !local.known_environment || local.account_id != "" && local.security_account_id != "" && local.external_id != ""
      error_message = "networking_account_ids, security_account_ids and external_ids each need an entry for environment \"${terraform.workspace}\"."
    }
    precondition {
      condition     = !local.known_environment || length(local.workloads) > 0
      error_message = "workload_vpcs needs at least one workload VPC for environment \"${terraform.workspace}\": the RAM share and the connectivity reader role need real principals."
    }
  }
}
