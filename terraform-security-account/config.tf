data "aws_iam_policy_document" "config_trust" {
  statement {
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["config.amazonaws.com"]
    }

    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [local.account_id]
    }
  }
}

resource "aws_iam_role" "config" {
  count = local.service_count.config

  name               = "${local.global_name}-config"
  description        = "AWS Config recorder and delivery channel (${local.environment})."
  assume_role_policy = data.aws_iam_policy_document.config_trust.json
}

resource "aws_iam_role_policy_attachment" "config" {
  count = local.service_count.config

  role       = aws_iam_role.config[0].name
  policy_arn = "arn:${local.partition}:iam::aws:policy/service-role/AWS_ConfigRole"
}

data "aws_iam_policy_document" "config_delivery" {
  statement {
    sid       = "DeliverToAuditBucket"
    actions   = ["s3:PutObject"]
    resources = ["arn:${local.partition}:s3:::${local.audit_bucket_name}/config/AWSLogs/${local.account_id}/Config/*"]

    condition {
      test     = "StringEquals"
      variable = "s3:x-amz-acl"
      values   = ["bucket-owner-full-control"]
    }
  }

  statement {
    sid       = "CheckAuditBucket"
    actions   = ["s3:GetBucketAcl", "s3:ListBucket"]
    resources = ["arn:${local.partition}:s3:::${local.audit_bucket_name}"]
  }

  statement {
    sid       = "EncryptDeliveries"
    actions   = ["kms:GenerateDataKey", "kms:Decrypt"]
    resources = [aws_kms_key.security.arn]
  }
}

resource "aws_iam_role_policy" "config_delivery" {
  count = local.service_count.config

  name   = "deliver-to-audit-bucket"
  role   = aws_iam_role.config[0].id
  policy = data.aws_iam_policy_document.config_delivery.json
}

resource "aws_config_configuration_recorder" "main" {
  count = local.service_count.config

  name     = "${local.name}-recorder"
  role_arn = aws_iam_role.config[0].arn

  recording_group {
    all_supported                 = true
    include_global_resource_types = var.config_include_global_resource_types
  }

  recording_mode {
    recording_frequency = local.settings.config_recording_frequency
  }
}

resource "aws_config_delivery_channel" "main" {
  count = local.service_count.config

  name           = "${local.name}-delivery"
  s3_bucket_name = module.audit_bucket[0].bucket_id
  s3_key_prefix  = "config"
  s3_kms_key_arn = aws_kms_key.security.arn

  snapshot_delivery_properties {
    delivery_frequency = local.settings.config_snapshot_frequency
  }

  depends_on = [
    aws_config_configuration_recorder.main,
    module.audit_bucket,
    aws_iam_role_policy.config_delivery,
  ]
}

# Without this the recorder exists but never records.
resource "aws_config_configuration_recorder_status" "main" {
  count = local.service_count.config

  name       = aws_config_configuration_recorder.main[0].name
  is_enabled = true

  depends_on = [aws_config_delivery_channel.main]
}
