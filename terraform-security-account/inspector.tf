resource "aws_inspector2_enabler" "main" {
  count = local.service_count.inspector

  account_ids    = [local.account_id]
  resource_types = ["EC2", "ECR"]
}
