variable "bucket_name" {
  description = "Name of the data bucket (SSE-KMS, versioned, TLS-only, access-logged)."
  type        = string

  validation {
    condition     = can(regex("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$", var.bucket_name))
    error_message = "bucket_name must be a valid S3 bucket name: 3-63 lowercase letters, digits, dots and hyphens."
  }
}

variable "access_log_bucket_name" {
  description = "Name of the second bucket that receives the data bucket's server access logs (SSE-S3, as S3 server access logging requires)."
  type        = string

  validation {
    condition     = can(regex("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$", var.access_log_bucket_name))
    error_message = "access_log_bucket_name must be a valid S3 bucket name: 3-63 lowercase letters, digits, dots and hyphens."
  }
}

variable "account_id" {
  description = "Account id that owns both buckets; the access-log bucket accepts log deliveries only for this account (aws:SourceAccount). Empty is let through so that the caller's workspace guard, not this check, refuses an unknown environment."
  type        = string

  validation {
    condition     = can(regex("^([0-9]{12})?$", var.account_id))
    error_message = "account_id must be a 12-digit AWS account id."
  }
}

variable "kms_key_arn" {
  description = "ARN of the KMS key that encrypts the data bucket (SSE-KMS with an S3 bucket key)."
  type        = string

  validation {
    condition     = can(regex("^arn:[a-z-]+:kms:", var.kms_key_arn))
    error_message = "kms_key_arn must be a KMS key ARN (arn:<partition>:kms:...)."
  }
}

variable "force_destroy" {
  description = "Whether destroy deletes both buckets with their objects (false: a non-empty bucket blocks destroy)."
  type        = bool
  nullable    = false
}

variable "lifecycle_rule_id" {
  description = "Id of the data bucket's lifecycle rule."
  type        = string

  validation {
    condition     = length(var.lifecycle_rule_id) > 0 && length(var.lifecycle_rule_id) <= 255
    error_message = "lifecycle_rule_id must be 1-255 characters."
  }
}

variable "noncurrent_version_expiration_days" {
  description = "Days after which superseded (noncurrent) object versions of the data bucket are deleted."
  type        = number
  nullable    = false

  validation {
    condition     = var.noncurrent_version_expiration_days >= 1 && floor(var.noncurrent_version_expiration_days) == var.noncurrent_version_expiration_days
    error_message = "noncurrent_version_expiration_days must be a whole number of at least 1."
  }
}

variable "glacier_transition_days" {
  description = "Days after which current objects of the data bucket move to Glacier; null keeps them in S3 Standard."
  type        = number
  default     = null

  validation {
    condition     = var.glacier_transition_days == null || try(var.glacier_transition_days >= 0 && floor(var.glacier_transition_days) == var.glacier_transition_days, false)
    error_message = "glacier_transition_days must be null or a whole number of at least 0."
  }
}

variable "expiration_days" {
  description = "Days after which current objects of the data bucket expire; null keeps them."
  type        = number
  default     = null

  validation {
    condition     = var.expiration_days == null || try(var.expiration_days >= 1 && floor(var.expiration_days) == var.expiration_days, false)
    error_message = "expiration_days must be null or a whole number of at least 1."
  }
}

variable "access_log_expiration_days" {
  description = "Days after which server access logs expire in the access-log bucket."
  type        = number
  nullable    = false

  validation {
    condition     = var.access_log_expiration_days >= 1 && floor(var.access_log_expiration_days) == var.access_log_expiration_days
    error_message = "access_log_expiration_days must be a whole number of at least 1."
  }
}

variable "source_policy_documents" {
  description = "IAM policy documents (JSON) with the data bucket's own grants, e.g. for CloudTrail or Config; merged before the module's TLS-only deny statement. Statement ids must not be DenyInsecureTransport."
  type        = list(string)
  default     = []
  nullable    = false
}
