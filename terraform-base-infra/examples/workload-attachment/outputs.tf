output "attachment_id" {
  description = "Set this as workload_vpcs.<env>.<name>.attachment_id in terraform-base-infra, then apply it."
  value       = aws_ec2_transit_gateway_vpc_attachment.workload.id
}

output "vpc_id" {
  description = "Workload VPC id."
  value       = aws_vpc.workload.id
}

output "peer_routes" {
  description = "CIDRs routed to the transit gateway (empty until routes_enabled)."
  value       = sort(keys(aws_route.peers))
}
