output "environment" {
  description = "Environment (workspace) of this state."
  value       = local.environment
}

output "account_id" {
  description = "Security account id the resources were created in."
  value       = data.aws_caller_identity.current.account_id
}

output "owns_account_services" {
  description = "Whether this workspace owns the account-wide services (CloudTrail, Config, GuardDuty, Security Hub, Inspector); false when another environment sharing the account owns them."
  value       = local.owns_account_services
}

output "kms_key_arn" {
  description = "KMS key encrypting the audit logs, log groups and alerts topic."
  value       = aws_kms_key.security.arn
}

output "cloudtrail_arn" {
  description = "Multi-region trail (null when another environment owns the account-wide services)."
  value       = one(aws_cloudtrail.main[*].arn)
}

output "audit_log_bucket" {
  description = "Bucket holding CloudTrail (cloudtrail/) and Config (config/) deliveries (null when not owned here)."
  value       = one(module.audit_bucket[*].bucket_id)
}

output "cloudtrail_log_group" {
  description = "CloudWatch Logs copy of the trail (null when not owned here)."
  value       = one(aws_cloudwatch_log_group.cloudtrail[*].name)
}

output "config_recorder_name" {
  description = "AWS Config recorder, started by aws_config_configuration_recorder_status (null when not owned here)."
  value       = one(aws_config_configuration_recorder.main[*].name)
}

output "guardduty_detector_id" {
  description = "GuardDuty detector id (null when not owned here)."
  value       = one(aws_guardduty_detector.main[*].id)
}

output "security_hub_standards" {
  description = "Subscribed Security Hub standards ARNs."
  value       = sort([for s in aws_securityhub_standards_subscription.main : s.standards_arn])
}

output "security_alerts_topic_arn" {
  description = "SNS topic receiving high-severity GuardDuty and Security Hub findings."
  value       = aws_sns_topic.security_alerts.arn
}

output "findings_log_groups" {
  description = "Log groups archiving all findings, by rule."
  value       = { for rule, group in aws_cloudwatch_log_group.findings : rule => group.name }
}

output "findings_reader_role_arn" {
  description = "Role the audit reader accounts assume (with the environment's external id) to read findings."
  value       = aws_iam_role.findings_reader.arn
}

output "cloudtrail_reader_role_arn" {
  description = "Role the audit reader accounts assume to read CloudTrail logs (null when not owned here)."
  value       = one(aws_iam_role.cloudtrail_reader[*].arn)
}

output "parameter_names" {
  description = "SSM parameter names under /<env>/security/, by key."
  value       = { for key, p in aws_ssm_parameter.security : key => p.name }
}
