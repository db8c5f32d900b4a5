resource "aws_securityhub_account" "main" {
  count = local.service_count.security_hub

  # Standards are subscribed explicitly below, so the set is reviewable.
  enable_default_standards  = false
  control_finding_generator = "SECURITY_CONTROL"
  auto_enable_controls      = true
}

resource "aws_securityhub_standards_subscription" "main" {
  for_each = local.service_count.security_hub == 1 ? toset(var.security_hub_standards) : toset([])

  standards_arn = local.security_hub_standard_arns[each.value]

  depends_on = [aws_securityhub_account.main]
}
