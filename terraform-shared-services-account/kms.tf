# One key per environment encrypts the image repositories, the artifacts
# bucket, the log groups and the notifications topic.
data "aws_iam_policy_document" "shared_key" {
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
}

resource "aws_kms_key" "shared" {
  description             = "Image repositories, artifacts, log groups and notifications (${local.name})"
  enable_key_rotation     = true
  deletion_window_in_days = 30
  policy                  = data.aws_iam_policy_document.shared_key.json
}

resource "aws_kms_alias" "shared" {
  name          = "alias/${local.name}-shared-services"
  target_key_id = aws_kms_key.shared.key_id
}
