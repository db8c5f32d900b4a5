# Build artifacts (bundles, test reports, SBOMs) written by the CI/CD role, and
# the bucket receiving their server access logs
# (terraform-modules/secure-bucket: versioning, SSE-KMS, public access block,
# ownership controls, lifecycle for superseded versions, TLS-only policies,
# access logging).
module "artifacts_bucket" {
  source = "../terraform-modules/secure-bucket"

  bucket_name                        = local.artifacts_bucket_name
  access_log_bucket_name             = local.access_log_bucket_name
  account_id                         = local.account_id
  kms_key_arn                        = aws_kms_key.shared.arn
  force_destroy                      = !var.protect_from_destroy
  lifecycle_rule_id                  = "expire-superseded-artifacts"
  noncurrent_version_expiration_days = local.settings.artifact_noncurrent_days
  access_log_expiration_days         = local.settings.access_log_expiration_days
}
