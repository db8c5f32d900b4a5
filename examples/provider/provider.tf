provider "privatelink" {
  region = "us-east-1"

  # Act in a workload account through a role that trusts the caller.
  assume_role {
    role_arn     = "arn:aws:iam::222222222222:role/terraform-workloads"
    external_id  = "workloads-dev"
    session_name = "terraform"
    duration     = "1h"
  }

  default_tags {
    tags = {
      ManagedBy = "Terraform"
      Project   = "multi-account-microservices"
    }
  }
}
