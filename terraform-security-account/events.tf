# Findings are archived in CloudWatch Logs; high-severity ones also go to the
# alerts topic (sns.tf).
locals {
  event_rules = {
    guardduty-findings = {
      description = "All GuardDuty findings, archived in CloudWatch Logs."
      pattern = {
        source      = ["aws.guardduty"]
        detail-type = ["GuardDuty Finding"]
      }
    }
    securityhub-findings = {
      description = "All imported Security Hub findings, archived in CloudWatch Logs."
      pattern = {
        source      = ["aws.securityhub"]
        detail-type = ["Security Hub Findings - Imported"]
      }
    }
    guardduty-high-severity = {
      description = "GuardDuty findings of severity 7 or more, sent to the alerts topic."
      pattern = {
        source      = ["aws.guardduty"]
        detail-type = ["GuardDuty Finding"]
        detail = {
          severity = [{ numeric = [">=", 7] }]
        }
      }
    }
    securityhub-critical = {
      description = "New, active CRITICAL or HIGH Security Hub findings, sent to the alerts topic."
      pattern = {
        source      = ["aws.securityhub"]
        detail-type = ["Security Hub Findings - Imported"]
        detail = {
          findings = {
            Severity    = { Label = ["CRITICAL", "HIGH"] }
            Workflow    = { Status = ["NEW"] }
            RecordState = ["ACTIVE"]
          }
        }
      }
    }
  }

  log_rules   = toset(["guardduty-findings", "securityhub-findings"])
  alert_rules = toset(["guardduty-high-severity", "securityhub-critical"])
}

resource "aws_cloudwatch_event_rule" "security" {
  for_each = local.event_rules

  name          = "${local.name}-${each.key}"
  description   = each.value.description
  event_pattern = jsonencode(each.value.pattern)
}

# /aws/events/ is where EventBridge log targets conventionally live (the
# console offers only such groups); the resource policy below names them.
resource "aws_cloudwatch_log_group" "findings" {
  for_each = local.log_rules

  name              = "/aws/events/${local.name}/${each.value}"
  retention_in_days = local.settings.log_retention_days
  kms_key_id        = aws_kms_key.security.arn
}

resource "aws_cloudwatch_event_target" "findings_to_logs" {
  for_each = local.log_rules

  rule      = aws_cloudwatch_event_rule.security[each.value].name
  target_id = "archive-in-logs"
  arn       = aws_cloudwatch_log_group.findings[each.value].arn

  depends_on = [aws_cloudwatch_log_resource_policy.events_to_logs]
}

resource "aws_cloudwatch_event_target" "alerts_to_sns" {
  for_each = local.alert_rules

  rule      = aws_cloudwatch_event_rule.security[each.value].name
  target_id = "security-alerts"
  arn       = aws_sns_topic.security_alerts.arn

  depends_on = [aws_sns_topic_policy.security_alerts]
}

# Without a resource policy on the log groups EventBridge cannot write to them.
data "aws_iam_policy_document" "events_to_logs" {
  statement {
    sid       = "EventBridgeWritesFindings"
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents"]
    resources = [for group in aws_cloudwatch_log_group.findings : "${group.arn}:*"]

    principals {
      type        = "Service"
      identifiers = ["events.amazonaws.com", "delivery.logs.amazonaws.com"]
    }

    condition {
      test     = "ArnEquals"
      variable = "aws:SourceArn"
      values   = [for rule in local.log_rules : aws_cloudwatch_event_rule.security[rule].arn]
    }
  }
}

resource "aws_cloudwatch_log_resource_policy" "events_to_logs" {
  policy_name     = "${local.global_name}-events-to-logs"
  policy_document = data.aws_iam_policy_document.events_to_logs.json
}
