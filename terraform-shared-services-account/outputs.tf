output "environment" {
  description = "Environment (workspace) of this state."
  value       = local.environment
}

output "account_id" {
  description = "Shared-services account id the resources were created in."
  value       = data.aws_caller_identity.current.account_id
}

output "kms_key_arn" {
  description = "KMS key encrypting the repositories, artifacts, log groups and notifications topic."
  value       = aws_kms_key.shared.arn
}

output "ecr_repository_urls" {
  description = "Image repository URL per service (<account>.dkr.ecr.<region>.amazonaws.com/<prefix>-<env>/<service>)."
  value       = { for service, repo in aws_ecr_repository.service : service => repo.repository_url }
}

output "ecr_repository_arns" {
  description = "Image repository ARN per service."
  value       = { for service, repo in aws_ecr_repository.service : service => repo.arn }
}

output "artifacts_bucket" {
  description = "Name of the artifacts bucket (versioned, KMS-encrypted, private)."
  value       = module.artifacts_bucket.bucket_id
}

output "artifacts_bucket_arn" {
  description = "ARN of the artifacts bucket."
  value       = module.artifacts_bucket.bucket_arn
}

output "github_oidc_provider_arn" {
  description = "OIDC provider the CI/CD role trusts (created here only in the owning workspace in oidc_home_region)."
  value       = local.create_oidc ? aws_iam_openid_connect_provider.github[0].arn : local.github_oidc_provider_arn
}

output "cicd_role_arn" {
  description = "Role GitHub Actions assumes through OIDC (aws-actions/configure-aws-credentials `role-to-assume`) from the environment named like this workspace."
  value       = aws_iam_role.cicd.arn
}

output "monitoring_role_arn" {
  description = "Read-only observability role for the monitoring reader accounts (requires the environment's external id)."
  value       = aws_iam_role.monitoring.arn
}

output "metrics_writer_role_arn" {
  description = "Role the workload accounts' Prometheus agents assume (with the environment's external id) to remote-write metrics."
  value       = aws_iam_role.metrics_writer.arn
}

output "prometheus_workspace_id" {
  description = "Amazon Managed Service for Prometheus workspace id."
  value       = aws_prometheus_workspace.main.id
}

output "prometheus_workspace_arn" {
  description = "Amazon Managed Service for Prometheus workspace ARN."
  value       = aws_prometheus_workspace.main.arn
}

output "prometheus_remote_write_url" {
  description = "Remote-write URL of the Prometheus workspace."
  value       = "${aws_prometheus_workspace.main.prometheus_endpoint}api/v1/remote_write"
}

output "application_log_group" {
  description = "Central log group for application logs."
  value       = aws_cloudwatch_log_group.applications.name
}

output "deployment_log_group" {
  description = "Log group the CI/CD role writes deployment logs to."
  value       = aws_cloudwatch_log_group.deployments.name
}

output "deployments_topic_arn" {
  description = "SNS topic on which the CI/CD role announces deployments."
  value       = aws_sns_topic.deployments.arn
}

output "dashboard_name" {
  description = "CloudWatch dashboard of the shared services."
  value       = aws_cloudwatch_dashboard.main.dashboard_name
}

output "xray_sampling_rule_name" {
  description = "X-Ray sampling rule (null when enable_xray is false)."
  value       = one(aws_xray_sampling_rule.services[*].rule_name)
}

output "parameter_names" {
  description = "SSM parameter names under /<env>/shared-services/, by key."
  value       = { for key, p in aws_ssm_parameter.shared : key => p.name }
}
