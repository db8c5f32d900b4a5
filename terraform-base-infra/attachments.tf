# Workload VPC attachments are created in the workload accounts' workspaces
# (aws_ec2_transit_gateway_vpc_attachment, reading /<env>/connectivity/*).
# Their ids come back here through var.workload_vpcs.

resource "aws_ec2_transit_gateway_vpc_attachment_accepter" "workload" {
  for_each = local.cross_account_attachments

  transit_gateway_attachment_id = each.value.attachment_id

  # Association and propagation are managed below, for every attachment.
  transit_gateway_default_route_table_association = false
  transit_gateway_default_route_table_propagation = false

  tags = {
    Name     = "${local.name}-${each.key}"
    Workload = each.key
  }
}

resource "aws_ec2_transit_gateway_route_table_association" "workload" {
  for_each = local.attachments

  transit_gateway_attachment_id  = each.value.attachment_id
  transit_gateway_route_table_id = aws_ec2_transit_gateway_route_table.main.id

  depends_on = [aws_ec2_transit_gateway_vpc_attachment_accepter.workload]
}

# Propagation installs a route to each workload VPC's CIDR in the route table,
# so every attached VPC of the environment reaches every other one.
resource "aws_ec2_transit_gateway_route_table_propagation" "workload" {
  for_each = local.attachments

  transit_gateway_attachment_id  = each.value.attachment_id
  transit_gateway_route_table_id = aws_ec2_transit_gateway_route_table.main.id

  depends_on = [aws_ec2_transit_gateway_vpc_attachment_accepter.workload]
}

check "attached_vpcs_are_routed" {
  assert {
    condition     = length(local.attachments) == length(local.workloads)
    error_message = "Some workload VPCs of ${local.environment} have no attachment_id yet: ${join(", ", sort([for name, w in local.workloads : name if w.attachment_id == null]))}. Apply their workload workspaces, then set attachment_id and apply this directory again."
  }
}
