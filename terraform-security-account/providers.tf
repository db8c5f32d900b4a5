provider "aws" {
  region = var.region

  # Refuses to touch any account but the one declared for this workspace.
  # Unrestricted in an unknown workspace, where the guard (guard.tf) fails the plan.
  allowed_account_ids = local.account_id == "" ? null : [local.account_id]

  default_tags {
    tags = local.tags
  }
}
