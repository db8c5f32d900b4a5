resource "aws_guardduty_detector" "main" {
  count = local.service_count.guardduty

  #checkov:skip=CKV2_AWS_3:Organization-wide GuardDuty (aws_guardduty_organization_configuration) belongs to the delegated administrator in the management account, not to this per-account directory.

  enable                       = true
  finding_publishing_frequency = local.settings.guardduty_frequency
}

locals {
  # Sub-settings of protection plans; the workloads run on ECS Fargate.
  guardduty_additional_configuration = {
    RUNTIME_MONITORING = {
      ECS_FARGATE_AGENT_MANAGEMENT = "ENABLED"
      EKS_ADDON_MANAGEMENT         = "DISABLED"
      EC2_AGENT_MANAGEMENT         = "DISABLED"
    }
  }
}

# Protection plans use detector features; the detector's datasources block is
# deprecated in hashicorp/aws 5.x.
resource "aws_guardduty_detector_feature" "main" {
  for_each = local.service_count.guardduty == 1 ? toset(var.guardduty_features) : toset([])

  detector_id = aws_guardduty_detector.main[0].id
  name        = each.value
  status      = "ENABLED"

  dynamic "additional_configuration" {
    for_each = lookup(local.guardduty_additional_configuration, each.value, {})

    content {
      name   = additional_configuration.key
      status = additional_configuration.value
    }
  }
}
