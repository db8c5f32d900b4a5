terraform {
  # 1.5 is the floor for `check` blocks; preconditions need 1.2.
  required_version = ">= 1.5.0"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 5.60.0, < 6.0.0"
    }
  }
}
