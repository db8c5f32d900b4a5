# CI/CD authenticates from GitHub Actions through OIDC: no static keys exist.
# The provider is account-wide: only the owning workspace in oidc_home_region
# creates it (locals.tf); every other workspace and region trusts its fixed ARN.
resource "aws_iam_openid_connect_provider" "github" {
  count = local.create_oidc ? 1 : 0

  url            = "https://${local.github_oidc_url}"
  client_id_list = ["sts.amazonaws.com"]
  # No thumbprint_list: IAM trusts GitHub's certificate through its own CA
  # library, and hashicorp/aws 5.x no longer requires the argument.
}

data "aws_iam_policy_document" "cicd_trust" {
  #checkov:skip=CKV_AWS_358:The sub claim is repo:<owner/name>:environment:<workspace>; checkov cannot evaluate the for expression, and github_repositories' validation rejects wildcards.
  statement {
    sid     = "GitHubActions"
    actions = ["sts:AssumeRoleWithWebIdentity"]

    principals {
      type        = "Federated"
      identifiers = [local.create_oidc ? aws_iam_openid_connect_provider.github[0].arn : local.github_oidc_provider_arn]
    }

    condition {
      test     = "StringEquals"
      variable = "${local.github_oidc_url}:aud"
      values   = ["sts.amazonaws.com"]
    }

    # Only workflow jobs running in the GitHub environment named like this
    # workspace; GitHub's environment protection rules gate staging and prod.
    condition {
      test     = "StringEquals"
      variable = "${local.github_oidc_url}:sub"
      values   = [for repo in var.github_repositories : "repo:${repo}:environment:${local.environment}"]
    }
  }
}

resource "aws_iam_role" "cicd" {
  name                 = "${local.global_name}-cicd"
  description          = "GitHub Actions deployments of ${local.environment}: push images, write artifacts, announce deployments."
  assume_role_policy   = data.aws_iam_policy_document.cicd_trust.json
  max_session_duration = 3600
}

data "aws_iam_policy_document" "cicd" {
  statement {
    sid = "EcrLogin"
    # GetAuthorizationToken supports no resource-level permissions.
    actions   = ["ecr:GetAuthorizationToken"]
    resources = ["*"]
  }

  statement {
    sid = "PushAndPullImages"
    actions = [
      "ecr:BatchCheckLayerAvailability",
      "ecr:BatchGetImage",
      "ecr:CompleteLayerUpload",
      "ecr:DescribeImages",
      "ecr:DescribeImageScanFindings",
      "ecr:GetDownloadUrlForLayer",
      "ecr:InitiateLayerUpload",
      "ecr:PutImage",
      "ecr:UploadLayerPart",
    ]
    resources = [for repo in aws_ecr_repository.service : repo.arn]
  }

  statement {
    sid       = "ListArtifacts"
    actions   = ["s3:ListBucket"]
    resources = [module.artifacts_bucket.bucket_arn]
  }

  statement {
    sid       = "ReadWriteArtifacts"
    actions   = ["s3:GetObject", "s3:PutObject"]
    resources = ["${module.artifacts_bucket.bucket_arn}/*"]
  }

  statement {
    sid       = "UseSharedKey"
    actions   = ["kms:Decrypt", "kms:GenerateDataKey"]
    resources = [aws_kms_key.shared.arn]
  }

  statement {
    sid       = "WriteDeploymentLogs"
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents"]
    resources = ["${aws_cloudwatch_log_group.deployments.arn}:log-stream:*"]
  }

  statement {
    sid       = "AnnounceDeployments"
    actions   = ["sns:Publish"]
    resources = [aws_sns_topic.deployments.arn]
  }
}

resource "aws_iam_role_policy" "cicd" {
  name   = "deploy"
  role   = aws_iam_role.cicd.id
  policy = data.aws_iam_policy_document.cicd.json
}
