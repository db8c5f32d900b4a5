terraform {
  # 1.5 is the floor for `check` blocks (preconditions need 1.2). 1.6.0 is
  # excluded: its S3 backend rejects a KMS alias as kms_key_id, which
  # backend.hcl uses (fixed in 1.6.1).
  required_version = ">= 1.5.0, != 1.6.0"

  required_providers {
    aws = {
      source = "hashicorp/aws"
      # 5.81.0 is the first release in which aws_iam_openid_connect_provider
      # accepts no thumbprint_list (shared services); 6.x is not yet tested.
      version = ">= 5.81.0, < 6.0.0"
    }
  }
}
