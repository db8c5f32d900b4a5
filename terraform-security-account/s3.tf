# Audit log bucket: CloudTrail under cloudtrail/, Config under config/, and the
# bucket receiving its server access logs (terraform-modules/secure-bucket:
# versioning, SSE-KMS, public access block, ownership controls, lifecycle,
# TLS-only policies, access logging). Created by the workspace that owns the
# account-wide services (locals.tf).
module "audit_bucket" {
  source = "../terraform-modules/secure-bucket"
  count  = local.audit_bucket_count

  bucket_name                        = local.audit_bucket_name
  access_log_bucket_name             = local.access_log_bucket_name
  account_id                         = local.account_id
  kms_key_arn                        = aws_kms_key.security.arn
  force_destroy                      = !var.protect_from_destroy
  lifecycle_rule_id                  = "archive-then-expire"
  glacier_transition_days            = local.settings.audit_log_glacier_after_days
  expiration_days                    = local.settings.audit_log_expiration_days
  noncurrent_version_expiration_days = 30
  access_log_expiration_days         = local.settings.audit_log_expiration_days
  source_policy_documents            = [data.aws_iam_policy_document.audit_bucket.json]
}

# The audit bucket's service grants; the module adds the TLS-only deny.
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
}
