output "bucket_id" {
  description = "Name of the data bucket."
  value       = aws_s3_bucket.this.id
}

output "bucket_arn" {
  description = "ARN of the data bucket."
  value       = aws_s3_bucket.this.arn
}

output "bucket_policy" {
  description = "The data bucket's policy as applied: the source_policy_documents statements followed by the TLS-only deny."
  value       = aws_s3_bucket_policy.this.policy
}

output "access_log_bucket_id" {
  description = "Name of the bucket that receives the data bucket's server access logs."
  value       = aws_s3_bucket.access_logs.id
}

output "access_log_bucket_arn" {
  description = "ARN of the bucket that receives the data bucket's server access logs."
  value       = aws_s3_bucket.access_logs.arn
}
