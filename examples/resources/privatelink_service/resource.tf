data "privatelink_network" "workload" {
  tags        = { Name = "workload-dev" }
  subnet_tier = "private"
}

resource "privatelink_service" "api" {
  name       = "api-service-dev"
  vpc_id     = data.privatelink_network.workload.vpc_id
  subnet_ids = data.privatelink_network.workload.subnet_ids

  execution_role_arn = "arn:aws:iam::222222222222:role/api-service-dev-execution"
  task_role_arn      = "arn:aws:iam::222222222222:role/api-service-dev-task"

  container = {
    image  = "222222222222.dkr.ecr.us-east-1.amazonaws.com/api-service:1.4.2"
    port   = 8080
    cpu    = 256
    memory = 512
    environment = {
      LOG_LEVEL = "INFO"
    }
  }

  desired_count      = 2
  allowed_principals = ["arn:aws:iam::333333333333:root"]

  tags = {
    Service = "api-service"
  }

  timeouts {
    create = "30m"
  }
}

output "service_name" {
  description = "What consumer accounts create their interface endpoints to."
  value       = privatelink_service.api.service_name
}
