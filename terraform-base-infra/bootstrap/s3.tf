# The state bucket and the bucket receiving its server access logs
# (terraform-modules/secure-bucket: versioning, SSE-KMS, public access block,
# ownership controls, lifecycle, TLS-only policies, access logging).
module "state_bucket" {
  source = "../../terraform-modules/secure-bucket"

  bucket_name                        = local.state_bucket_name
  access_log_bucket_name             = local.log_bucket_name
  account_id                         = var.account_id
  kms_key_arn                        = aws_kms_key.state.arn
  force_destroy                      = !var.protect_from_destroy
  lifecycle_rule_id                  = "expire-superseded-state"
  noncurrent_version_expiration_days = var.noncurrent_version_retention_days
  access_log_expiration_days         = 365
}
