# Shares the transit gateway with the workload accounts so that they can
# create their own VPC attachments. Workloads that live in the networking
# account itself need no share, so without other accounts there is none.
resource "aws_ram_resource_share" "transit_gateway" {
  count = local.share_transit_gateway ? 1 : 0

  name                      = "${local.name}-tgw"
  allow_external_principals = var.ram_allow_external_principals

  tags = {
    Name = "${local.name}-tgw"
  }
}

resource "aws_ram_resource_association" "transit_gateway" {
  count = local.share_transit_gateway ? 1 : 0

  resource_arn       = aws_ec2_transit_gateway.main.arn
  resource_share_arn = aws_ram_resource_share.transit_gateway[0].arn
}

resource "aws_ram_principal_association" "workload" {
  for_each = toset(local.shared_account_ids)

  principal          = each.value
  resource_share_arn = aws_ram_resource_share.transit_gateway[0].arn
}
