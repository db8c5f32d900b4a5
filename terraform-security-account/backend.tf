# State lives in the S3 bucket and DynamoDB lock table that bootstrap/
# creates in this account. Everything account-specific comes from a
# -backend-config file (see backend.hcl.example):
#
#   terraform init -backend-config=backend.hcl
#
# Workspaces (dev, staging, prod) are stored under env:/<workspace>/<key>.
terraform {
  backend "s3" {}
}
