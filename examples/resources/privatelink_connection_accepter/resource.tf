# In the service owner's account: accept the connection of a consumer's
# endpoint (its privatelink_consumer id, or any interface endpoint id the
# consumer hands over) to this account's service.
variable "orders_endpoint_id" {
  type        = string
  description = "The consumer's VPC endpoint id (vpce-...)."
}

resource "privatelink_connection_accepter" "orders" {
  endpoint_service_id = "vpce-svc-0123456789abcdef0" # e.g. privatelink_service.api.id
  endpoint_id         = var.orders_endpoint_id
}

output "orders_connection_state" {
  value = privatelink_connection_accepter.orders.state # "available" once accepted
}
