# The CI/CD role announces each deployment here; subscribe chat or e-mail
# endpoints outside Terraform or in a workload's configuration.
resource "aws_sns_topic" "deployments" {
  name              = "${local.name}-deployments"
  kms_master_key_id = aws_kms_key.shared.arn
}

data "aws_iam_policy_document" "deployments_topic" {
  statement {
    sid = "AccountOwner"
    actions = [
      "sns:GetTopicAttributes",
      "sns:SetTopicAttributes",
      "sns:AddPermission",
      "sns:RemovePermission",
      "sns:DeleteTopic",
      "sns:Subscribe",
      "sns:ListSubscriptionsByTopic",
    ]
    resources = [aws_sns_topic.deployments.arn]

    principals {
      type        = "AWS"
      identifiers = ["arn:${local.partition}:iam::${local.account_id}:root"]
    }
  }

  statement {
    sid       = "CICDPublishes"
    actions   = ["sns:Publish"]
    resources = [aws_sns_topic.deployments.arn]

    principals {
      type        = "AWS"
      identifiers = [aws_iam_role.cicd.arn]
    }
  }

  statement {
    sid       = "DenyInsecureTransport"
    effect    = "Deny"
    actions   = ["sns:Publish"]
    resources = [aws_sns_topic.deployments.arn]

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

resource "aws_sns_topic_policy" "deployments" {
  arn    = aws_sns_topic.deployments.arn
  policy = data.aws_iam_policy_document.deployments_topic.json
}
