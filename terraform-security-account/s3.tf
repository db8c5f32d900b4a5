# Audit log bucket: CloudTrail under cloudtrail/, Config under config/.
# Created by the workspace that owns the account-wide services (locals.tf).
resource "aws_s3_bucket" "audit" {
  count = local.audit_bucket_count

  #checkov:skip=CKV_AWS_144:Single-region deployment; CloudTrail log file validation and versioning protect integrity, and a replica would need a second region's bucket and key.
  #checkov:skip=CKV2_AWS_62:No consumer of S3 event notifications; CloudTrail delivery is already streamed to CloudWatch Logs.
  bucket        = local.audit_bucket_name
  force_destroy = !var.protect_from_destroy
}

resource "aws_s3_bucket_versioning" "audit" {
  count  = local.audit_bucket_count
  bucket = aws_s3_bucket.audit[0].id

  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "audit" {
  count  = local.audit_bucket_count
  bucket = aws_s3_bucket.audit[0].id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = aws_kms_key.security.arn
    }
    bucket_key_enabled = true
  }
}

resource "aws_s3_bucket_public_access_block" "audit" {
  count                   = local.audit_bucket_count
  bucket                  = aws_s3_bucket.audit[0].id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_ownership_controls" "audit" {
  count  = local.audit_bucket_count
  bucket = aws_s3_bucket.audit[0].id

  rule {
    object_ownership = "BucketOwnerEnforced"
  }
}

resource "aws_s3_bucket_lifecycle_configuration" "audit" {
  count  = local.audit_bucket_count
  bucket = aws_s3_bucket.audit[0].id

  rule {
    id     = "archive-then-expire"
    status = "Enabled"

    filter {}

    transition {
      days          = local.settings.audit_log_glacier_after_days
      storage_class = "GLACIER"
    }

    expiration {
      days = local.settings.audit_log_expiration_days
    }

    noncurrent_version_expiration {
      noncurrent_days = 30
    }

    abort_incomplete_multipart_upload {
      days_after_initiation = 7
    }
  }
}

resource "aws_s3_bucket_logging" "audit" {
  count         = local.audit_bucket_count
  bucket        = aws_s3_bucket.audit[0].id
  target_bucket = aws_s3_bucket.access_logs[0].id
  target_prefix = "s3-access/${local.audit_bucket_name}/"

  depends_on = [aws_s3_bucket_policy.access_logs]
}

data "aws_iam_policy_document" "audit_bucket" {
  # CloudTrail only where this deployment creates the trail (trail_home_region).
  dynamic "statement" {
    for_each = local.service_count.cloudtrail == 1 ? [1] : []

    content {
      sid       = "CloudTrailAclCheck"
      actions   = ["s3:GetBucketAcl"]
      resources = ["arn:${local.partition}:s3:::${local.audit_bucket_name}"]

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

  dynamic "statement" {
    for_each = local.service_count.cloudtrail == 1 ? [1] : []

    content {
      sid       = "CloudTrailWrite"
      actions   = ["s3:PutObject"]
      resources = ["arn:${local.partition}:s3:::${local.audit_bucket_name}/cloudtrail/AWSLogs/${local.account_id}/*"]

      principals {
        type        = "Service"
        identifiers = ["cloudtrail.amazonaws.com"]
      }

      condition {
        test     = "StringEquals"
        variable = "s3:x-amz-acl"
        values   = ["bucket-owner-full-control"]
      }

      condition {
        test     = "StringEquals"
        variable = "aws:SourceArn"
        values   = [local.trail_arn]
      }
    }
  }

  statement {
    sid       = "ConfigAclCheckAndList"
    actions   = ["s3:GetBucketAcl", "s3:ListBucket"]
    resources = ["arn:${local.partition}:s3:::${local.audit_bucket_name}"]

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

  statement {
    sid       = "ConfigWrite"
    actions   = ["s3:PutObject"]
    resources = ["arn:${local.partition}:s3:::${local.audit_bucket_name}/config/AWSLogs/${local.account_id}/Config/*"]

    principals {
      type        = "Service"
      identifiers = ["config.amazonaws.com"]
    }

    condition {
      test     = "StringEquals"
      variable = "s3:x-amz-acl"
      values   = ["bucket-owner-full-control"]
    }

    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [local.account_id]
    }
  }

  statement {
    sid     = "DenyInsecureTransport"
    effect  = "Deny"
    actions = ["s3:*"]
    resources = [
      "arn:${local.partition}:s3:::${local.audit_bucket_name}",
      "arn:${local.partition}:s3:::${local.audit_bucket_name}/*",
    ]

    principals {
      type        = "*"
      identifiers = ["*"]
    }

    condition {
      test     = "Bool"
      variable = "aws:SecureTransport"
      values   = ["false"]
    }
  }
}

resource "aws_s3_bucket_policy" "audit" {
  count  = local.audit_bucket_count
  bucket = aws_s3_bucket.audit[0].id
  policy = data.aws_iam_policy_document.audit_bucket.json

  depends_on = [aws_s3_bucket_public_access_block.audit]
}

# Server access logs of the audit bucket.
resource "aws_s3_bucket" "access_logs" {
  count = local.audit_bucket_count

  #checkov:skip=CKV_AWS_18:This is the access-log target; logging it to itself would loop.
  #checkov:skip=CKV_AWS_145:S3 server access logging delivers only to SSE-S3 encrypted buckets, not SSE-KMS.
  #checkov:skip=CKV_AWS_144:Access logs are audit copies; replicating them to another region is not worth a second bucket.
  #checkov:skip=CKV2_AWS_62:No consumer of object events for access logs.
  bucket        = local.access_log_bucket_name
  force_destroy = !var.protect_from_destroy
}

resource "aws_s3_bucket_versioning" "access_logs" {
  count  = local.audit_bucket_count
  bucket = aws_s3_bucket.access_logs[0].id

  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "access_logs" {
  count  = local.audit_bucket_count
  bucket = aws_s3_bucket.access_logs[0].id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "AES256"
    }
  }
}

resource "aws_s3_bucket_public_access_block" "access_logs" {
  count                   = local.audit_bucket_count
  bucket                  = aws_s3_bucket.access_logs[0].id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_ownership_controls" "access_logs" {
  count  = local.audit_bucket_count
  bucket = aws_s3_bucket.access_logs[0].id

  rule {
    object_ownership = "BucketOwnerEnforced"
  }
}

resource "aws_s3_bucket_lifecycle_configuration" "access_logs" {
  count  = local.audit_bucket_count
  bucket = aws_s3_bucket.access_logs[0].id

  rule {
    id     = "expire-access-logs"
    status = "Enabled"

    filter {}

    expiration {
      days = local.settings.audit_log_expiration_days
    }

    noncurrent_version_expiration {
      noncurrent_days = 30
    }

    abort_incomplete_multipart_upload {
      days_after_initiation = 7
    }
  }
}

data "aws_iam_policy_document" "access_logs_bucket" {
  # Keep this statement first (see README: the embedded AWS used in tests
  # stops at the first statement with a wildcard principal).
  statement {
    sid       = "S3ServerAccessLogs"
    actions   = ["s3:PutObject"]
    resources = ["arn:${local.partition}:s3:::${local.access_log_bucket_name}/s3-access/${local.audit_bucket_name}/*"]

    principals {
      type        = "Service"
      identifiers = ["logging.s3.amazonaws.com"]
    }

    condition {
      test     = "ArnLike"
      variable = "aws:SourceArn"
      values   = ["arn:${local.partition}:s3:::${local.audit_bucket_name}"]
    }

    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [local.account_id]
    }
  }

  statement {
    sid     = "DenyInsecureTransport"
    effect  = "Deny"
    actions = ["s3:*"]
    resources = [
      "arn:${local.partition}:s3:::${local.access_log_bucket_name}",
      "arn:${local.partition}:s3:::${local.access_log_bucket_name}/*",
    ]

    principals {
      type        = "*"
      identifiers = ["*"]
    }

    condition {
      test     = "Bool"
      variable = "aws:SecureTransport"
      values   = ["false"]
    }
  }
}

resource "aws_s3_bucket_policy" "access_logs" {
  count  = local.audit_bucket_count
  bucket = aws_s3_bucket.access_logs[0].id
  policy = data.aws_iam_policy_document.access_logs_bucket.json

  depends_on = [aws_s3_bucket_public_access_block.access_logs]
}
