output "endpoint_dns_name" {
  description = "What the consuming application calls, on the service's listener port (from the consumer's VPC)."
  value       = privatelink_consumer.this.dns_name
}

output "connection_state" {
  description = "The connection's state as the service owner sees it: available once accepted."
  value       = privatelink_connection_accepter.this.state
}

output "service_name" {
  description = "The endpoint service name the consumer's endpoint connects to."
  value       = privatelink_service.this.service_name
}
