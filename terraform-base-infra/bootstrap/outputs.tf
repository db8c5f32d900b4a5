output "state_bucket" {
  description = "Name of the S3 bucket for Terraform state (backend `bucket`)."
  value       = module.state_bucket.bucket_id
}

output "lock_table" {
  description = "Name of the DynamoDB lock table (backend `dynamodb_table`)."
  value       = aws_dynamodb_table.lock.name
}

output "kms_key_alias" {
  description = "KMS key alias that encrypts state (backend `kms_key_id`)."
  value       = aws_kms_alias.state.name
}

output "kms_key_arn" {
  description = "ARN of the state KMS key; grant backend users kms:Encrypt, kms:Decrypt and kms:GenerateDataKey on it."
  value       = aws_kms_key.state.arn
}

output "access_log_bucket" {
  description = "Bucket receiving the state bucket's server access logs."
  value       = module.state_bucket.access_log_bucket_id
}

output "backend_config" {
  description = "-backend-config file content for a directory of this account; replace <directory> with its name."
  value       = <<-EOT
    bucket         = "${module.state_bucket.bucket_id}"
    key            = "<directory>/terraform.tfstate"
    region         = "${var.region}"
    dynamodb_table = "${aws_dynamodb_table.lock.name}"
    encrypt        = true
    kms_key_id     = "${aws_kms_alias.state.name}"
  EOT
}
