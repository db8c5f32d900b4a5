# Import by <endpoint_service_id>_<endpoint_id>.
terraform import privatelink_connection_accepter.orders vpce-svc-0123456789abcdef0_vpce-0123456789abcdef0
