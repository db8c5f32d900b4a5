# One repository per service and environment. Tags are immutable, so an image
# tag (the commit sha) always means the same image; promotion to the next
# environment re-tags into that environment's repository.
resource "aws_ecr_repository" "service" {
  for_each = local.repositories

  name                 = each.value
  image_tag_mutability = "IMMUTABLE"
  force_delete         = !var.protect_from_destroy

  image_scanning_configuration {
    scan_on_push = true
  }

  encryption_configuration {
    encryption_type = "KMS"
    kms_key         = aws_kms_key.shared.arn
  }

  tags = {
    Service = each.key
  }
}

resource "aws_ecr_lifecycle_policy" "service" {
  for_each = aws_ecr_repository.service

  repository = each.value.name
  policy = jsonencode({
    rules = [
      {
        rulePriority = 1
        description  = "Expire untagged images (superseded pushes, failed builds)."
        selection = {
          tagStatus   = "untagged"
          countType   = "sinceImagePushed"
          countUnit   = "days"
          countNumber = local.settings.untagged_image_days
        }
        action = { type = "expire" }
      },
      {
        # tagStatus "any" has to be the rule with the highest priority number.
        rulePriority = 2
        description  = "Keep the newest ${local.settings.images_kept} images."
        selection = {
          tagStatus   = "any"
          countType   = "imageCountMoreThan"
          countNumber = local.settings.images_kept
        }
        action = { type = "expire" }
      },
    ]
  })
}

# The workload accounts' task execution roles pull images across accounts.
# Pushes come only from this account's CI/CD role (iam_cicd.tf).
data "aws_iam_policy_document" "ecr_pull" {
  statement {
    sid = "WorkloadAccountsPull"
    actions = [
      "ecr:BatchCheckLayerAvailability",
      "ecr:BatchGetImage",
      "ecr:GetDownloadUrlForLayer",
    ]

    principals {
      type        = "AWS"
      identifiers = [for id in local.workload_account_ids : "arn:${local.partition}:iam::${id}:root"]
    }
  }
}

resource "aws_ecr_repository_policy" "service" {
  for_each = aws_ecr_repository.service

  repository = each.value.name
  policy     = data.aws_iam_policy_document.ecr_pull.json
}
