# /<env>/security/* lets other workspaces of this account find the audit
# resources without reading this state.
locals {
  security_parameters = merge(
    {
      "findings-reader-role-arn"  = aws_iam_role.findings_reader.arn
      "security-alerts-topic-arn" = aws_sns_topic.security_alerts.arn
      "kms-key-arn"               = aws_kms_key.security.arn
    },
    local.audit_bucket_count == 1 ? { "audit-log-bucket" = module.audit_bucket[0].bucket_id } : {},
    local.service_count.cloudtrail == 1 ? {
      "cloudtrail-arn"             = aws_cloudtrail.main[0].arn
      "cloudtrail-reader-role-arn" = aws_iam_role.cloudtrail_reader[0].arn
    } : {},
    local.service_count.guardduty == 1 ? { "guardduty-detector-id" = aws_guardduty_detector.main[0].id } : {},
  )
}

resource "aws_ssm_parameter" "security" {
  for_each = toset(keys(local.security_parameters))

  #checkov:skip=CKV2_AWS_34:Non-secret resource identifiers (ARNs, ids, names); SecureString adds a KMS dependency for every reader and protects nothing.
  name        = "/${local.environment}/security/${each.key}"
  description = "Security account (${local.environment}): ${each.key}."
  type        = "String"
  value       = local.security_parameters[each.key]
  tier        = "Standard"
}
