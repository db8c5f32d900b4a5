data "aws_iam_policy_document" "state_key" {
  #checkov:skip=CKV_AWS_109:Key policies need the account-root statement (the default key policy); it delegates key use to this account's IAM policies, which scope it.
  #checkov:skip=CKV_AWS_111:Same account-root statement; in a key policy "*" means this key only.
  #checkov:skip=CKV_AWS_356:In a key policy "*" is the key itself; there is no narrower resource to name.
  # Key administration and use stay with the account's IAM; the backend's
  # principals need kms:Encrypt/Decrypt/GenerateDataKey through their own
  # IAM policies.
  statement {
    sid       = "AccountIAM"
    actions   = ["kms:*"]
    resources = ["*"]

    principals {
      type        = "AWS"
      identifiers = ["arn:${local.partition}:iam::${var.account_id}:root"]
    }
  }
}

resource "aws_kms_key" "state" {
  description             = "Terraform state bucket and lock table (${var.name_prefix})"
  enable_key_rotation     = true
  deletion_window_in_days = 30
  policy                  = data.aws_iam_policy_document.state_key.json
}

resource "aws_kms_alias" "state" {
  name          = local.kms_alias
  target_key_id = aws_kms_key.state.key_id
}
