data "privatelink_network" "consumer" {
  tags        = { Name = "orders-dev" }
  subnet_tier = "private"
}

# An endpoint in this (consumer) account to an api-service exposed by
# another account with privatelink_service.
resource "privatelink_consumer" "api" {
  name         = "api-service"
  service_name = "com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0" # the service's service_name output
  vpc_id       = data.privatelink_network.consumer.vpc_id
  subnet_ids   = data.privatelink_network.consumer.subnet_ids # in zones the service supports
  port         = 8080                                         # the service's listener_port

  # Defaults to the VPC's CIDR block; [] admits only the groups below.
  allowed_cidr_blocks        = ["10.40.0.0/16"]
  allowed_security_group_ids = ["sg-0123456789abcdef0"]

  # The owner's account accepts the connection: this workspace assumes
  # their role and accepts it. Without this block, set
  # wait_for_acceptance = false and let the owner accept it (for example
  # with a privatelink_connection_accepter).
  acceptance {
    role_arn    = "arn:aws:iam::111111111111:role/accept-endpoints"
    external_id = "orders-consumer"
  }

  tags = {
    Service = "orders"
  }
}

output "api_endpoint" {
  description = "What the consuming application connects to (on port 8080)."
  value       = privatelink_consumer.api.dns_name
}
