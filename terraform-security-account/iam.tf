# Audit roles for the accounts in audit_reader_account_ids. Principals are the
# accounts' roots, which delegates the decision to each account's IAM;
# sts:ExternalId guards against the confused deputy.
data "aws_iam_policy_document" "audit_trust" {
  statement {
    sid     = "AuditReaderAccounts"
    actions = ["sts:AssumeRole"]

    principals {
      type        = "AWS"
      identifiers = [for id in local.audit_reader_ids : "arn:${local.partition}:iam::${id}:root"]
    }

    condition {
      test     = "StringEquals"
      variable = "sts:ExternalId"
      values   = [local.external_id]
    }
  }
}

resource "aws_iam_role" "findings_reader" {
  name                 = "${local.global_name}-findings-reader"
  description          = "Read GuardDuty, Security Hub, Config and Inspector findings of ${local.environment}."
  assume_role_policy   = data.aws_iam_policy_document.audit_trust.json
  max_session_duration = 3600
}

data "aws_iam_policy_document" "findings_reader" {
  statement {
    sid = "GuardDuty"
    actions = [
      "guardduty:GetDetector",
      "guardduty:GetFindings",
      "guardduty:GetFindingsStatistics",
      "guardduty:ListFindings",
    ]
    resources = ["arn:${local.partition}:guardduty:${var.region}:${local.account_id}:detector/*"]
  }

  statement {
    sid = "SecurityHub"
    actions = [
      "securityhub:DescribeHub",
      "securityhub:DescribeStandards",
      "securityhub:GetEnabledStandards",
      "securityhub:GetFindings",
      "securityhub:GetInsightResults",
      "securityhub:GetInsights",
    ]
    resources = ["arn:${local.partition}:securityhub:${var.region}:${local.account_id}:hub/default"]
  }

  statement {
    sid = "ListWithoutResourceLevelPermissions"
    actions = [
      "guardduty:ListDetectors",
      "config:DescribeComplianceByConfigRule",
      "config:DescribeComplianceByResource",
      "config:DescribeConfigRules",
      "config:GetComplianceDetailsByResource",
      "inspector2:ListCoverage",
      "inspector2:ListFindings",
    ]
    resources = ["*"]
  }

  statement {
    sid       = "ConfigRuleCompliance"
    actions   = ["config:GetComplianceDetailsByConfigRule"]
    resources = ["arn:${local.partition}:config:${var.region}:${local.account_id}:config-rule/*"]
  }

  statement {
    sid = "FindingsLogGroups"
    actions = [
      "logs:DescribeLogStreams",
      "logs:FilterLogEvents",
      "logs:GetLogEvents",
    ]
    resources = [for group in aws_cloudwatch_log_group.findings : "${group.arn}:*"]
  }

  statement {
    sid       = "DecryptFindingsLogs"
    actions   = ["kms:Decrypt"]
    resources = [aws_kms_key.security.arn]
  }
}

resource "aws_iam_role_policy" "findings_reader" {
  name   = "read-findings"
  role   = aws_iam_role.findings_reader.id
  policy = data.aws_iam_policy_document.findings_reader.json
}

resource "aws_iam_role" "cloudtrail_reader" {
  count = local.service_count.cloudtrail

  name                 = "${local.global_name}-cloudtrail-reader"
  description          = "Read the account's CloudTrail logs and event history."
  assume_role_policy   = data.aws_iam_policy_document.audit_trust.json
  max_session_duration = 3600
}

data "aws_iam_policy_document" "cloudtrail_reader" {
  statement {
    sid       = "ListTrailLogs"
    actions   = ["s3:ListBucket"]
    resources = ["arn:${local.partition}:s3:::${local.audit_bucket_name}"]

    condition {
      test     = "StringLike"
      variable = "s3:prefix"
      values   = ["cloudtrail/*"]
    }
  }

  statement {
    sid       = "ReadTrailLogs"
    actions   = ["s3:GetObject"]
    resources = ["arn:${local.partition}:s3:::${local.audit_bucket_name}/cloudtrail/*"]
  }

  statement {
    sid       = "DecryptTrailLogs"
    actions   = ["kms:Decrypt"]
    resources = [aws_kms_key.security.arn]
  }

  statement {
    sid       = "Trail"
    actions   = ["cloudtrail:GetTrailStatus", "cloudtrail:GetEventSelectors", "cloudtrail:GetInsightSelectors"]
    resources = [local.trail_arn]
  }

  statement {
    sid       = "EventHistory"
    actions   = ["cloudtrail:LookupEvents", "cloudtrail:DescribeTrails"]
    resources = ["*"]
  }
}

resource "aws_iam_role_policy" "cloudtrail_reader" {
  count = local.service_count.cloudtrail

  name   = "read-cloudtrail"
  role   = aws_iam_role.cloudtrail_reader[0].id
  policy = data.aws_iam_policy_document.cloudtrail_reader.json
}
