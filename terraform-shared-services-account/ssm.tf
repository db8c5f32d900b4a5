# /<env>/shared-services/* lets the workload workspaces find the registry,
# roles and metrics endpoint without reading this state.
locals {
  shared_parameters = merge(
    {
      "artifacts-bucket"            = module.artifacts_bucket.bucket_id
      "cicd-role-arn"               = aws_iam_role.cicd.arn
      "monitoring-role-arn"         = aws_iam_role.monitoring.arn
      "metrics-writer-role-arn"     = aws_iam_role.metrics_writer.arn
      "prometheus-workspace-id"     = aws_prometheus_workspace.main.id
      "prometheus-remote-write-url" = "${aws_prometheus_workspace.main.prometheus_endpoint}api/v1/remote_write"
      "deployments-topic-arn"       = aws_sns_topic.deployments.arn
    },
    { for service, repo in aws_ecr_repository.service : "ecr/${service}/repository-url" => repo.repository_url },
  )
}

resource "aws_ssm_parameter" "shared" {
  for_each = toset(concat(
    ["artifacts-bucket", "cicd-role-arn", "monitoring-role-arn", "metrics-writer-role-arn", "prometheus-workspace-id", "prometheus-remote-write-url", "deployments-topic-arn"],
    [for service in var.services : "ecr/${service}/repository-url"],
  ))

  #checkov:skip=CKV2_AWS_34:Non-secret resource identifiers (names, ARNs, URLs); SecureString adds a KMS dependency for every reader and protects nothing.
  name        = "/${local.environment}/shared-services/${each.key}"
  description = "Shared services (${local.environment}): ${each.key}."
  type        = "String"
  value       = local.shared_parameters[each.key]
  tier        = "Standard"
}
