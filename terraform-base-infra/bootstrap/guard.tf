data "aws_partition" "current" {}

# State storage belongs to the account and region, not to an environment: it
# is created once, in the default workspace, and every environment's
# workspaces of every directory in the account share it.
data "aws_caller_identity" "current" {
  lifecycle {
    precondition {
      condition     = terraform.workspace == "default"
      error_message = "bootstrap creates account-level state storage and runs in the default workspace only (current: \"${terraform.workspace}\"). Run `terraform workspace select default`."
    }
  }
}
