terraform {
  # The same constraints as the root modules that call this module (see
  # terraform-base-infra/bootstrap/versions.tf for the reasons).
  required_version = ">= 1.5.0, != 1.6.0"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 5.81.0, < 6.0.0"
    }
  }
}
