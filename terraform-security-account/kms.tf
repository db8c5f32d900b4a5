# One key per environment encrypts the audit logs (CloudTrail, Config), the
# log groups and the alerts topic.
data "aws_iam_policy_document" "security_key" {
  #checkov:skip=CKV_AWS_109:Key policies need the account-root statement (the default key policy); it delegates key use to this account's IAM policies, which scope it.
  #checkov:skip=CKV_AWS_111:Same account-root statement; in a key policy "*" means this key only.
  #checkov:skip=CKV_AWS_356:In a key policy "*" is the key itself; there is no narrower resource to name.
  statement {
    sid       = "AccountIAM"
    actions   = ["kms:*"]
    resources = ["*"]

    principals {
      type        = "AWS"
      identifiers = ["arn:${local.partition}:iam::${local.account_id}:root"]
    }
  }

  # CloudTrail only where this deployment creates the trail (trail_home_region).
  dynamic "statement" {
    for_each = local.service_count.cloudtrail == 1 ? [1] : []

    content {
      sid       = "CloudTrailEncryptLogs"
      actions   = ["kms:GenerateDataKey*"]
      resources = ["*"]

      principals {
        type        = "Service"
        identifiers = ["cloudtrail.amazonaws.com"]
      }

      condition {
        test     = "StringLike"
        variable = "kms:EncryptionContext:aws:cloudtrail:arn"
        values   = ["arn:${local.partition}:cloudtrail:*:${local.account_id}:trail/*"]
      }

      condition {
        test     = "StringEquals"
        variable = "aws:SourceArn"
        values   = [local.trail_arn]
      }
    }
  }

  dynamic "statement" {
    for_each = local.service_count.cloudtrail == 1 ? [1] : []

    content {
      sid       = "CloudTrailDescribeKey"
      actions   = ["kms:DescribeKey"]
      resources = ["*"]

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

  statement {
    sid       = "CloudWatchLogs"
    actions   = ["kms:Encrypt*", "kms:Decrypt*", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"]
    resources = ["*"]

    principals {
      type        = "Service"
      identifiers = ["logs.${var.region}.amazonaws.com"]
    }

    condition {
      test     = "ArnLike"
      variable = "kms:EncryptionContext:aws:logs:arn"
      values   = ["arn:${local.partition}:logs:${var.region}:${local.account_id}:log-group:*"]
    }
  }

  statement {
    sid       = "ServicesPublishingEncryptedData"
    actions   = ["kms:GenerateDataKey*", "kms:Decrypt"]
    resources = ["*"]

    principals {
      type = "Service"
      # EventBridge publishes to the encrypted topic; Config delivers to the
      # encrypted bucket.
      identifiers = ["events.amazonaws.com", "config.amazonaws.com"]
    }

    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [local.account_id]
    }
  }
}

resource "aws_kms_key" "security" {
  description             = "Audit logs, security log groups and alerts (${local.name})"
  enable_key_rotation     = true
  deletion_window_in_days = 30
  policy                  = data.aws_iam_policy_document.security_key.json
}

resource "aws_kms_alias" "security" {
  name          = "alias/${local.name}-security"
  target_key_id = aws_kms_key.security.key_id
}
