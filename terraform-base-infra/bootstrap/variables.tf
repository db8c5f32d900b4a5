variable "region" {
  description = "Region of the state bucket and lock table."
  type        = string

  validation {
    condition     = can(regex("^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-[0-9]$", var.region))
    error_message = "region must be an AWS region name such as us-east-1."
  }
}

variable "account_id" {
  description = "Account the state storage is created in (networking, security, shared services or a workload account). The provider refuses any other."
  type        = string

  validation {
    condition     = can(regex("^[0-9]{12}$", var.account_id))
    error_message = "account_id must be 12 digits."
  }
}

variable "name_prefix" {
  description = "Prefix of the bucket, table and key names (2-12 characters: a-z, 0-9, '-')."
  type        = string

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{0,10}[a-z0-9]$", var.name_prefix))
    error_message = "name_prefix must be 2-12 characters of a-z, 0-9 and '-', start with a letter and not end with '-'."
  }
}

variable "noncurrent_version_retention_days" {
  description = "Days to keep superseded state versions."
  type        = number
  default     = 90

  validation {
    condition     = var.noncurrent_version_retention_days >= 1
    error_message = "noncurrent_version_retention_days must be at least 1."
  }
}

variable "protect_from_destroy" {
  description = "Keep DynamoDB deletion protection on and refuse to delete non-empty buckets. Only throw-away environments (tests) set false."
  type        = bool
  default     = true
}

variable "tags" {
  description = "Extra tags for every resource."
  type        = map(string)
  default     = {}
}
