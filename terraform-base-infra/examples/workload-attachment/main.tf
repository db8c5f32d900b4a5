# What a workload workspace does to join its environment's transit gateway.
# The terraform-workloads generator emits the equivalent for each workload
# VPC; this example builds a minimal VPC of its own so it can run standalone.

data "aws_ssm_parameter" "connectivity" {
  provider = aws.networking
  for_each = toset(["transit-gateway-id", "transit-gateway-route-table-id", "networking-account-id", "workload-cidrs"])

  name = "/${var.environment}/connectivity/${each.value}"
}

# Zone ids, not names: names map to different zones in every account.
data "aws_availability_zones" "attachment" {
  state = "available"

  filter {
    name   = "zone-id"
    values = var.availability_zone_ids
  }
}

locals {
  transit_gateway_id = data.aws_ssm_parameter.connectivity["transit-gateway-id"].value
  # Every other workload VPC of the environment is reached through the TGW.
  peer_cidrs = [
    for cidr in split(",", data.aws_ssm_parameter.connectivity["workload-cidrs"].insecure_value) :
    cidr if cidr != var.vpc_cidr
  ]
  azs = data.aws_availability_zones.attachment.names
}

resource "aws_vpc" "workload" {
  #checkov:skip=CKV2_AWS_11:Example VPC only; the generated workload VPCs carry flow logs.
  cidr_block           = var.vpc_cidr
  enable_dns_support   = true
  enable_dns_hostnames = true

  tags = {
    Name = "${var.name}-${var.environment}"
  }
}

resource "aws_default_security_group" "workload" {
  vpc_id = aws_vpc.workload.id
}

resource "aws_subnet" "attachment" {
  count = length(local.azs)

  vpc_id            = aws_vpc.workload.id
  availability_zone = local.azs[count.index]
  cidr_block        = cidrsubnet(var.vpc_cidr, 28 - tonumber(split("/", var.vpc_cidr)[1]), count.index)

  tags = {
    Name = "${var.name}-${var.environment}-tgw-${local.azs[count.index]}"
  }
}

resource "aws_route_table" "private" {
  vpc_id = aws_vpc.workload.id

  tags = {
    Name = "${var.name}-${var.environment}-private"
  }
}

resource "aws_route_table_association" "attachment" {
  count = length(aws_subnet.attachment)

  subnet_id      = aws_subnet.attachment[count.index].id
  route_table_id = aws_route_table.private.id
}

resource "aws_ec2_transit_gateway_vpc_attachment" "workload" {
  transit_gateway_id = local.transit_gateway_id
  vpc_id             = aws_vpc.workload.id
  subnet_ids         = aws_subnet.attachment[*].id
  dns_support        = "enable"

  # No transit_gateway_default_route_table_* arguments: they cannot be set on
  # a RAM-shared transit gateway, and this one has no default route table. The
  # networking account associates and propagates (terraform-base-infra).

  tags = {
    Name     = "${var.name}-${var.environment}"
    Workload = var.name
  }
}

# Routes wait for routes_enabled: a cross-account attachment stays
# pendingAcceptance until terraform-base-infra accepts it (the gateway never
# auto-accepts shared attachments), and a route to the gateway through a
# pending attachment fails. Order: apply (attach), set the attachment_id in
# terraform-base-infra and apply there (accept, associate, propagate), then
# apply here again with routes_enabled = true.
resource "aws_route" "peers" {
  for_each = var.routes_enabled ? toset(local.peer_cidrs) : toset([])

  route_table_id         = aws_route_table.private.id
  destination_cidr_block = each.value
  transit_gateway_id     = local.transit_gateway_id

  depends_on = [aws_ec2_transit_gateway_vpc_attachment.workload]
}
