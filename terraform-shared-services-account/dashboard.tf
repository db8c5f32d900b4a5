# Every metric names the dimensions CloudWatch publishes it with; a metric
# without them (as in the original dashboard) plots nothing.
locals {
  dashboard_widgets = [
    {
      type   = "metric"
      x      = 0
      y      = 0
      width  = 24
      height = 6
      properties = {
        # AWS/ECR publishes RepositoryPullCount only; pushes have no metric
        # (the deployments topic below counts what CI/CD announces).
        title   = "Image pulls per repository"
        region  = var.region
        view    = "timeSeries"
        stat    = "Sum"
        period  = 300
        metrics = [for repo in aws_ecr_repository.service : ["AWS/ECR", "RepositoryPullCount", "RepositoryName", repo.name]]
      }
    },
    {
      type   = "metric"
      x      = 0
      y      = 6
      width  = 12
      height = 6
      properties = {
        title  = "Deployments announced"
        region = var.region
        view   = "timeSeries"
        stat   = "Sum"
        period = 3600
        metrics = [
          ["AWS/SNS", "NumberOfMessagesPublished", "TopicName", aws_sns_topic.deployments.name],
          ["AWS/SNS", "NumberOfNotificationsFailed", "TopicName", aws_sns_topic.deployments.name],
        ]
      }
    },
    {
      type   = "metric"
      x      = 12
      y      = 6
      width  = 12
      height = 6
      properties = {
        title  = "Artifacts bucket size"
        region = var.region
        view   = "timeSeries"
        stat   = "Average"
        period = 86400
        metrics = [
          ["AWS/S3", "BucketSizeBytes", "BucketName", module.artifacts_bucket.bucket_id, "StorageType", "StandardStorage"],
          ["AWS/S3", "NumberOfObjects", "BucketName", module.artifacts_bucket.bucket_id, "StorageType", "AllStorageTypes"],
        ]
      }
    },
    {
      type   = "log"
      x      = 0
      y      = 12
      width  = 24
      height = 6
      properties = {
        title  = "Latest application errors"
        region = var.region
        view   = "table"
        query  = "SOURCE '${aws_cloudwatch_log_group.applications.name}' | fields @timestamp, @logStream, @message | filter @message like /(?i)error/ | sort @timestamp desc | limit 50"
      }
    },
  ]
}

resource "aws_cloudwatch_dashboard" "main" {
  # Dashboards are account-global (no region in their ARN): the region in the
  # name keeps deployments of one environment in several regions apart.
  dashboard_name = "${local.global_name}-shared-services"
  dashboard_body = jsonencode({ widgets = local.dashboard_widgets })
}
