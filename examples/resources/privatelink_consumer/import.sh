# Import by VPC endpoint id; the endpoint and its privatelink-consumer-<name>
# security group are read back.
terraform import privatelink_consumer.api vpce-0123456789abcdef0
