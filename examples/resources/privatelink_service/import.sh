# Import by VPC endpoint service id; every part of the service is read back.
terraform import privatelink_service.api vpce-svc-0123456789abcdef0
