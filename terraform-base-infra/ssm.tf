# The contract with the workload workspaces: they read these parameters
# (through the connectivity reader role) to attach their VPCs and route the
# other workload CIDRs through the transit gateway.
locals {
  connectivity_parameters = {
    "environment" = {
      type  = "String"
      value = local.environment
    }
    "region" = {
      type  = "String"
      value = var.region
    }
    "networking-account-id" = {
      type  = "String"
      value = local.account_id
    }
    "transit-gateway-id" = {
      type  = "String"
      value = aws_ec2_transit_gateway.main.id
    }
    "transit-gateway-arn" = {
      type  = "String"
      value = aws_ec2_transit_gateway.main.arn
    }
    "transit-gateway-route-table-id" = {
      type  = "String"
      value = aws_ec2_transit_gateway_route_table.main.id
    }
    "connectivity-reader-role-arn" = {
      type  = "String"
      value = aws_iam_role.connectivity_reader.arn
    }
    # Every workload VPC CIDR of the environment; each workload routes the
    # others' CIDRs to the transit gateway.
    "workload-cidrs" = {
      type  = "StringList"
      value = join(",", sort([for w in local.workloads : w.vpc_cidr]))
    }
  }
}

resource "aws_ssm_parameter" "connectivity" {
  for_each = local.connectivity_parameters

  #checkov:skip=CKV2_AWS_34:Non-secret resource identifiers read cross-account through the connectivity reader role; SecureString would only add a KMS grant per workload account.
  name        = "/${local.environment}/connectivity/${each.key}"
  description = "Connectivity contract for the ${local.environment} workload workspaces: ${each.key}."
  type        = each.value.type
  value       = each.value.value
  tier        = "Standard"
}

# Only exists while the transit gateway is shared with other accounts; those
# accounts accept the share with it when they are outside the organization.
resource "aws_ssm_parameter" "resource_share_arn" {
  count = local.share_transit_gateway ? 1 : 0

  #checkov:skip=CKV2_AWS_34:Non-secret resource identifier read cross-account through the connectivity reader role; SecureString would only add a KMS grant per workload account.
  name        = "/${local.environment}/connectivity/resource-share-arn"
  description = "Connectivity contract for the ${local.environment} workload workspaces: RAM share of the transit gateway."
  type        = "String"
  value       = aws_ram_resource_share.transit_gateway[0].arn
  tier        = "Standard"
}
