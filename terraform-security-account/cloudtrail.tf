resource "aws_cloudwatch_log_group" "cloudtrail" {
  count = local.service_count.cloudtrail

  name              = "/aws/cloudtrail/${local.name}"
  retention_in_days = local.settings.log_retention_days
  kms_key_id        = aws_kms_key.security.arn
}

data "aws_iam_policy_document" "cloudtrail_logs_trust" {
  statement {
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["cloudtrail.amazonaws.com"]
    }

    condition {
      test     = "StringEquals"
      variable = "aws:SourceArn"
      values   = [local.trail_arn]
    }
  }
}

resource "aws_iam_role" "cloudtrail_logs" {
  count = local.service_count.cloudtrail

  name               = "${local.global_name}-cloudtrail-logs"
  description        = "Lets the ${local.environment} trail deliver events to CloudWatch Logs."
  assume_role_policy = data.aws_iam_policy_document.cloudtrail_logs_trust.json
}

data "aws_iam_policy_document" "cloudtrail_logs" {
  count = local.service_count.cloudtrail

  statement {
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents"]
    resources = ["${aws_cloudwatch_log_group.cloudtrail[0].arn}:log-stream:*"]
  }
}

resource "aws_iam_role_policy" "cloudtrail_logs" {
  count = local.service_count.cloudtrail

  name   = "deliver-to-log-group"
  role   = aws_iam_role.cloudtrail_logs[0].id
  policy = data.aws_iam_policy_document.cloudtrail_logs[0].json
}

resource "aws_cloudtrail" "main" {
  count = local.service_count.cloudtrail

  #checkov:skip=CKV_AWS_252:CloudTrail's SNS notification fires once per delivered log file, which is noise; alerting runs through EventBridge rules (events.tf) and the CloudWatch Logs copy.
  name                          = local.trail_name
  s3_bucket_name                = module.audit_bucket[0].bucket_id
  s3_key_prefix                 = "cloudtrail"
  kms_key_id                    = aws_kms_key.security.arn
  is_multi_region_trail         = true
  include_global_service_events = true
  enable_log_file_validation    = true
  cloud_watch_logs_group_arn    = "${aws_cloudwatch_log_group.cloudtrail[0].arn}:*"
  cloud_watch_logs_role_arn     = aws_iam_role.cloudtrail_logs[0].arn

  # Management events (read and write) everywhere; prod adds S3 object-level
  # data events, except on this environment's audit and access-log buckets in
  # every region: the trail's own deliveries would otherwise log themselves.
  advanced_event_selector {
    name = "Management events"

    field_selector {
      field  = "eventCategory"
      equals = ["Management"]
    }
  }

  dynamic "advanced_event_selector" {
    for_each = local.settings.cloudtrail_s3_data_events ? [1] : []

    content {
      name = "S3 data events except the audit buckets"

      field_selector {
        field  = "eventCategory"
        equals = ["Data"]
      }

      field_selector {
        field  = "resources.type"
        equals = ["AWS::S3::Object"]
      }

      field_selector {
        field = "resources.ARN"
        not_starts_with = [
          "arn:${local.partition}:s3:::${local.name}-audit-${local.account_id}-",
          "arn:${local.partition}:s3:::${local.name}-audit-logs-${local.account_id}-",
        ]
      }
    }
  }

  dynamic "insight_selector" {
    for_each = local.settings.cloudtrail_insight_types

    content {
      insight_type = insight_selector.value
    }
  }

  # CloudTrail checks the bucket policy when the trail is created.
  depends_on = [
    module.audit_bucket,
    aws_iam_role_policy.cloudtrail_logs,
  ]
}
