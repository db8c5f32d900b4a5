# Central application logs and metrics of the environment.
resource "aws_cloudwatch_log_group" "applications" {
  name              = "/${var.name_prefix}/${local.environment}/applications"
  retention_in_days = local.settings.log_retention_days
  kms_key_id        = aws_kms_key.shared.arn
}

resource "aws_cloudwatch_log_group" "deployments" {
  name              = "/${var.name_prefix}/${local.environment}/deployments"
  retention_in_days = local.settings.log_retention_days
  kms_key_id        = aws_kms_key.shared.arn
}

resource "aws_cloudwatch_log_group" "prometheus" {
  name              = "/aws/vendedlogs/prometheus/${local.name}"
  retention_in_days = local.settings.log_retention_days
  kms_key_id        = aws_kms_key.shared.arn
}

# Metrics are encrypted at rest with an AWS-owned key (the workspace default);
# they carry no secrets, and a customer key would have to be granted to every
# remote-writing agent.
resource "aws_prometheus_workspace" "main" {
  alias = "${local.name}-metrics"

  logging_configuration {
    log_group_arn = "${aws_cloudwatch_log_group.prometheus.arn}:*"
  }
}

# Principals in the monitoring reader accounts (e.g. security, networking)
# assume this role with the environment's external id to read metrics, traces
# and the central logs.
data "aws_iam_policy_document" "monitoring_trust" {
  statement {
    sid     = "MonitoringReaderAccounts"
    actions = ["sts:AssumeRole"]

    principals {
      type        = "AWS"
      identifiers = [for id in local.monitoring_reader_ids : "arn:${local.partition}:iam::${id}:root"]
    }

    condition {
      test     = "StringEquals"
      variable = "sts:ExternalId"
      values   = [local.external_id]
    }
  }
}

resource "aws_iam_role" "monitoring" {
  name                 = "${local.global_name}-monitoring"
  description          = "Read-only access to the ${local.environment} metrics, traces and central logs."
  assume_role_policy   = data.aws_iam_policy_document.monitoring_trust.json
  max_session_duration = 3600
}

data "aws_iam_policy_document" "monitoring" {
  statement {
    sid = "QueryPrometheus"
    actions = [
      "aps:DescribeWorkspace",
      "aps:GetLabels",
      "aps:GetMetricMetadata",
      "aps:GetSeries",
      "aps:QueryMetrics",
    ]
    resources = [aws_prometheus_workspace.main.arn]
  }

  statement {
    sid     = "ReadCentralLogs"
    actions = ["logs:DescribeLogStreams", "logs:FilterLogEvents", "logs:GetLogEvents", "logs:GetQueryResults", "logs:StartQuery"]
    resources = flatten([
      for group in [aws_cloudwatch_log_group.applications, aws_cloudwatch_log_group.deployments] : [group.arn, "${group.arn}:*"]
    ])
  }

  statement {
    sid       = "Alarms"
    actions   = ["cloudwatch:DescribeAlarms"]
    resources = ["arn:${local.partition}:cloudwatch:${var.region}:${local.account_id}:alarm:*"]
  }

  statement {
    sid       = "DecryptCentralLogs"
    actions   = ["kms:Decrypt"]
    resources = [aws_kms_key.shared.arn]
  }

  statement {
    sid       = "Dashboards"
    actions   = ["cloudwatch:GetDashboard"]
    resources = [aws_cloudwatch_dashboard.main.dashboard_arn]
  }

  statement {
    sid = "ReadWithoutResourceLevelPermissions"
    # These calls support no resource-level permissions.
    actions = [
      "aps:ListWorkspaces",
      "cloudwatch:GetMetricData",
      "cloudwatch:GetMetricStatistics",
      "cloudwatch:ListDashboards",
      "cloudwatch:ListMetrics",
      "logs:DescribeLogGroups",
      "logs:StopQuery",
      "xray:BatchGetTraces",
      "xray:GetServiceGraph",
      "xray:GetTimeSeriesServiceStatistics",
      "xray:GetTraceGraph",
      "xray:GetTraceSummaries",
    ]
    resources = ["*"]
  }
}

resource "aws_iam_role_policy" "monitoring" {
  name   = "read-observability"
  role   = aws_iam_role.monitoring.id
  policy = data.aws_iam_policy_document.monitoring.json
}

# Prometheus agents in the workload accounts assume this role (with the
# environment's external id) to remote-write their metrics.
data "aws_iam_policy_document" "metrics_writer_trust" {
  statement {
    sid     = "WorkloadAccounts"
    actions = ["sts:AssumeRole"]

    principals {
      type        = "AWS"
      identifiers = [for id in local.workload_account_ids : "arn:${local.partition}:iam::${id}:root"]
    }

    condition {
      test     = "StringEquals"
      variable = "sts:ExternalId"
      values   = [local.external_id]
    }
  }
}

resource "aws_iam_role" "metrics_writer" {
  name                 = "${local.global_name}-metrics-writer"
  description          = "Lets the ${local.environment} workload accounts remote-write metrics to the Prometheus workspace."
  assume_role_policy   = data.aws_iam_policy_document.metrics_writer_trust.json
  max_session_duration = 3600
}

data "aws_iam_policy_document" "metrics_writer" {
  statement {
    sid       = "RemoteWrite"
    actions   = ["aps:RemoteWrite"]
    resources = [aws_prometheus_workspace.main.arn]
  }
}

resource "aws_iam_role_policy" "metrics_writer" {
  name   = "remote-write"
  role   = aws_iam_role.metrics_writer.id
  policy = data.aws_iam_policy_document.metrics_writer.json
}

# Traces of the services; the rate drops with each environment's volume.
resource "aws_xray_sampling_rule" "services" {
  count = var.enable_xray ? 1 : 0

  rule_name      = local.name
  priority       = 9000
  version        = 1
  reservoir_size = 1
  fixed_rate     = local.settings.xray_fixed_rate
  host           = "*"
  http_method    = "*"
  resource_arn   = "*"
  service_name   = "*"
  service_type   = "*"
  url_path       = "*"
}
