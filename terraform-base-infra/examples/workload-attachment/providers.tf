# The workload account (the VPC and the attachment live here).
provider "aws" {
  region              = var.region
  allowed_account_ids = [var.workload_account_id]

  default_tags {
    tags = {
      Project     = "terraform-provider-privatelink"
      Component   = "workload-attachment-example"
      Environment = var.environment
      ManagedBy   = "Terraform"
    }
  }
}

# The networking account, read through the connectivity reader role.
provider "aws" {
  alias  = "networking"
  region = var.region

  assume_role {
    role_arn     = var.connectivity_reader_role_arn
    external_id  = var.external_id
    session_name = "${var.name}-${var.environment}-connectivity"
  }
}
