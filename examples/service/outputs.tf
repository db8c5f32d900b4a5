output "service_name" {
  description = "The endpoint service name consumer accounts create interface endpoints to."
  value       = privatelink_service.this.service_name
}

output "endpoint_service_id" {
  description = "The VPC endpoint service id (also the import id)."
  value       = privatelink_service.this.endpoint_service_id
}

output "nlb_dns_name" {
  description = "DNS name of the internal network load balancer."
  value       = privatelink_service.this.nlb_dns_name
}
