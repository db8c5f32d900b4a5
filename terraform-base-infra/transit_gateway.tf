resource "aws_ec2_transit_gateway" "main" {
  description     = "PrivateLink system transit gateway (${local.environment})"
  amazon_side_asn = local.settings.amazon_side_asn

  # Attachments are accepted explicitly (attachments.tf), never automatically,
  # and every attachment is associated with the environment's route table.
  auto_accept_shared_attachments  = "disable"
  default_route_table_association = "disable"
  default_route_table_propagation = "disable"
  dns_support                     = "enable"
  vpn_ecmp_support                = "enable"

  tags = {
    Name = "${local.name}-tgw"
  }
}

resource "aws_ec2_transit_gateway_route_table" "main" {
  transit_gateway_id = aws_ec2_transit_gateway.main.id

  tags = {
    Name = "${local.name}-tgw-rt"
  }
}
