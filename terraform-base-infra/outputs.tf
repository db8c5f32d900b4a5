output "environment" {
  description = "Environment (workspace) of this state."
  value       = local.environment
}

output "account_id" {
  description = "Networking account id the resources were created in."
  value       = data.aws_caller_identity.current.account_id
}

output "transit_gateway_id" {
  description = "Transit gateway id; workload VPC attachments reference it."
  value       = aws_ec2_transit_gateway.main.id
}

output "transit_gateway_arn" {
  description = "Transit gateway ARN (shared through RAM)."
  value       = aws_ec2_transit_gateway.main.arn
}

output "transit_gateway_route_table_id" {
  description = "Route table every workload attachment is associated with and propagates to."
  value       = aws_ec2_transit_gateway_route_table.main.id
}

output "resource_share_arn" {
  description = "RAM share of the transit gateway (null when every workload VPC is in the networking account); accounts outside the organization accept it with aws_ram_resource_share_accepter."
  value       = one(aws_ram_resource_share.transit_gateway[*].arn)
}

output "shared_with_account_ids" {
  description = "Workload accounts the transit gateway is shared with."
  value       = local.shared_account_ids
}

output "connectivity_reader_role_arn" {
  description = "Role the workload workspaces assume (with the environment's external id) to read the connectivity parameters."
  value       = aws_iam_role.connectivity_reader.arn
}

output "network_audit_role_arn" {
  description = "Read-only audit role for the security account."
  value       = aws_iam_role.network_audit.arn
}

output "attached_workloads" {
  description = "Workload VPC attachments associated with and propagated to the route table, by workload name."
  value = {
    for name, w in local.attachments : name => {
      attachment_id = w.attachment_id
      account_id    = w.account_id
      vpc_cidr      = w.vpc_cidr
      accepted_here = contains(keys(local.cross_account_attachments), name)
    }
  }
}

output "pending_workloads" {
  description = "Workload VPCs that have no attachment_id yet."
  value       = sort([for name, w in local.workloads : name if w.attachment_id == null])
}

output "connectivity_parameter_names" {
  description = "SSM parameter names of the connectivity contract, by key."
  value = merge(
    { for key, p in aws_ssm_parameter.connectivity : key => p.name },
    { for p in aws_ssm_parameter.resource_share_arn : "resource-share-arn" => p.name },
  )
}
