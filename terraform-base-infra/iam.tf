# Cross-account roles. Principals are the accounts' roots, which delegates the
# decision to the trusted account's IAM; sts:ExternalId guards against the
# confused deputy.

# Workload workspaces assume this role (provider alias with assume_role and
# external_id) to read /<env>/connectivity/* before they attach their VPCs.
data "aws_iam_policy_document" "connectivity_reader_trust" {
  statement {
    sid     = "WorkloadAccounts"
    actions = ["sts:AssumeRole"]

    principals {
      type        = "AWS"
      identifiers = [for id in local.workload_account_ids : "arn:${local.partition}:iam::${id}:root"]
    }

    condition {
      test     = "StringEquals"
      variable = "sts:ExternalId"
      values   = [local.external_id]
    }
  }
}

resource "aws_iam_role" "connectivity_reader" {
  name                 = "${local.global_name}-connectivity-reader"
  description          = "Lets the ${local.environment} workload accounts read the connectivity parameters and transit gateway state."
  assume_role_policy   = data.aws_iam_policy_document.connectivity_reader_trust.json
  max_session_duration = 3600
}

data "aws_iam_policy_document" "connectivity_reader" {
  statement {
    sid     = "ReadConnectivityParameters"
    actions = ["ssm:GetParameter", "ssm:GetParameters", "ssm:GetParametersByPath"]
    resources = [
      "arn:${local.partition}:ssm:${var.region}:${local.account_id}:parameter/${local.environment}/connectivity",
      "arn:${local.partition}:ssm:${var.region}:${local.account_id}:parameter/${local.environment}/connectivity/*",
    ]
  }

  statement {
    sid = "DescribeTransitGateway"
    # Describe calls support no resource-level permissions.
    actions = [
      "ec2:DescribeTransitGateways",
      "ec2:DescribeTransitGatewayAttachments",
      "ec2:DescribeTransitGatewayRouteTables",
      "ec2:DescribeTransitGatewayVpcAttachments",
    ]
    resources = ["*"]
  }

  statement {
    sid       = "SearchRoutes"
    actions   = ["ec2:SearchTransitGatewayRoutes", "ec2:GetTransitGatewayRouteTableAssociations", "ec2:GetTransitGatewayRouteTablePropagations"]
    resources = [aws_ec2_transit_gateway_route_table.main.arn]
  }
}

resource "aws_iam_role_policy" "connectivity_reader" {
  name   = "connectivity-read"
  role   = aws_iam_role.connectivity_reader.id
  policy = data.aws_iam_policy_document.connectivity_reader.json
}

# The security account audits this account's configuration read-only.
data "aws_iam_policy_document" "network_audit_trust" {
  statement {
    sid     = "SecurityAccount"
    actions = ["sts:AssumeRole"]

    principals {
      type        = "AWS"
      identifiers = ["arn:${local.partition}:iam::${local.security_account_id}:root"]
    }

    condition {
      test     = "StringEquals"
      variable = "sts:ExternalId"
      values   = [local.external_id]
    }
  }
}

resource "aws_iam_role" "network_audit" {
  name                 = "${local.global_name}-network-audit"
  description          = "Read-only security audit of the ${local.environment} networking account by the security account."
  assume_role_policy   = data.aws_iam_policy_document.network_audit_trust.json
  max_session_duration = 3600
}

resource "aws_iam_role_policy_attachment" "network_audit" {
  role       = aws_iam_role.network_audit.name
  policy_arn = "arn:${local.partition}:iam::aws:policy/SecurityAudit"
}
