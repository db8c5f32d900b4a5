variable "region" {
  description = "AWS region of this deployment, e.g. us-east-1."
  type        = string

  validation {
    condition     = can(regex("^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-[0-9]$", var.region))
    error_message = "region must be an AWS region name such as us-east-1."
  }
}

variable "name_prefix" {
  description = "Prefix of every name this directory creates (2-12 characters: lower-case letters, digits, hyphens)."
  type        = string

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{0,10}[a-z0-9]$", var.name_prefix))
    error_message = "name_prefix must be 2-12 characters of a-z, 0-9 and '-', start with a letter and not end with '-'."
  }
}

variable "security_account_ids" {
  description = "Security account id per environment (keys: dev, staging, prod). Environments may share one account: the highest of prod, staging, dev among those sharing it owns the account-wide services (CloudTrail, Config, GuardDuty, Security Hub, Inspector)."
  type        = map(string)

  validation {
    condition = length(var.security_account_ids) > 0 && alltrue([
      for env, id in var.security_account_ids :
      contains(["dev", "staging", "prod"], env) && can(regex("^[0-9]{12}$", id))
    ])
    error_message = "security_account_ids needs keys among dev, staging, prod and 12-digit account ids as values."
  }
}

variable "audit_reader_account_ids" {
  description = "Per environment, the accounts whose principals may assume the audit roles (findings reader, CloudTrail reader), e.g. the networking, shared-services and workload accounts. At least one per environment."
  type        = map(list(string))

  validation {
    condition = length(var.audit_reader_account_ids) > 0 && alltrue([
      for env, ids in var.audit_reader_account_ids :
      contains(["dev", "staging", "prod"], env) && length(ids) > 0 && alltrue([for id in ids : can(regex("^[0-9]{12}$", id))])
    ])
    error_message = "audit_reader_account_ids needs keys among dev, staging, prod, each a non-empty list of 12-digit account ids."
  }
}

variable "external_ids" {
  description = "sts:ExternalId required to assume the audit roles, per environment. Generate a random value per environment (e.g. `openssl rand -hex 24`); pass it through TF_VAR_external_ids or an untracked tfvars file."
  type        = map(string)
  sensitive   = true

  validation {
    condition = length(var.external_ids) > 0 && alltrue([
      for env, id in var.external_ids :
      contains(["dev", "staging", "prod"], env) && can(regex("^[A-Za-z0-9+=,.@:/_-]+$", id)) && length(id) >= 16 && length(id) <= 1224
    ])
    error_message = "external_ids needs keys among dev, staging, prod; each value 16-1224 characters of [A-Za-z0-9+=,.@:/_-]."
  }
}

variable "alert_email_addresses" {
  description = "Per environment, e-mail addresses subscribed to the security alerts topic (each must confirm the subscription)."
  type        = map(list(string))
  default     = {}

  validation {
    condition = alltrue(flatten([
      for env, emails in var.alert_email_addresses : [
        contains(["dev", "staging", "prod"], env),
        [for e in emails : can(regex("^[^@[:space:]]+@[^@[:space:]]+\\.[^@[:space:]]+$", e))],
      ]
    ]))
    error_message = "alert_email_addresses needs keys among dev, staging, prod and valid e-mail addresses."
  }
}

variable "security_hub_standards" {
  description = "Security Hub standards to subscribe to. Known keys: aws-foundational-security-best-practices, cis-aws-foundations-benchmark-1.4.0, nist-800-53-5.0.0, pci-dss-3.2.1."
  type        = list(string)
  default     = ["aws-foundational-security-best-practices", "cis-aws-foundations-benchmark-1.4.0"]

  validation {
    condition = alltrue([
      for s in var.security_hub_standards :
      contains(["aws-foundational-security-best-practices", "cis-aws-foundations-benchmark-1.4.0", "nist-800-53-5.0.0", "pci-dss-3.2.1"], s)
    ])
    error_message = "security_hub_standards may only hold: aws-foundational-security-best-practices, cis-aws-foundations-benchmark-1.4.0, nist-800-53-5.0.0, pci-dss-3.2.1."
  }
}

variable "enabled_services" {
  description = "Account-wide services this directory manages in the owning workspace. Turn one off when the organization already provides it centrally: an organization trail, a GuardDuty, Security Hub or Inspector delegated administrator, or an organization-wide Config recorder."
  type = object({
    cloudtrail   = optional(bool, true)
    config       = optional(bool, true)
    guardduty    = optional(bool, true)
    security_hub = optional(bool, true)
    inspector    = optional(bool, true)
  })
  default = {}
}

variable "trail_home_region" {
  description = "The one region whose deployment creates the account's multi-region CloudTrail trail (it records every region, and its name is taken in all of them); deployments in other regions create no trail and grant CloudTrail nothing on their bucket and key. Required, with no default, so that two regions never both create it: set the same value in every region's tfvars."
  type        = string

  validation {
    condition     = can(regex("^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-[0-9]$", var.trail_home_region))
    error_message = "trail_home_region must be an AWS region name such as us-east-1."
  }
}

variable "guardduty_features" {
  description = "GuardDuty protection plans to enable on the detector (aws_guardduty_detector_feature names). RUNTIME_MONITORING is set up for ECS Fargate, where the workloads run."
  type        = list(string)
  default     = ["S3_DATA_EVENTS", "EBS_MALWARE_PROTECTION", "RDS_LOGIN_EVENTS", "LAMBDA_NETWORK_LOGS", "RUNTIME_MONITORING"]

  validation {
    condition = alltrue([
      for f in var.guardduty_features :
      contains(["S3_DATA_EVENTS", "EKS_AUDIT_LOGS", "EBS_MALWARE_PROTECTION", "RDS_LOGIN_EVENTS", "LAMBDA_NETWORK_LOGS", "RUNTIME_MONITORING"], f)
    ]) && length(distinct(var.guardduty_features)) == length(var.guardduty_features)
    error_message = "guardduty_features may only hold distinct names among S3_DATA_EVENTS, EKS_AUDIT_LOGS, EBS_MALWARE_PROTECTION, RDS_LOGIN_EVENTS, LAMBDA_NETWORK_LOGS, RUNTIME_MONITORING (EKS_RUNTIME_MONITORING is superseded by RUNTIME_MONITORING)."
  }
}

variable "config_include_global_resource_types" {
  description = "Let the Config recorder record IAM and other global resources. Set true in exactly one region per account."
  type        = bool
  default     = true
}

variable "protect_from_destroy" {
  description = "Refuse to delete the audit and access-log buckets while they hold objects. Only throw-away environments (tests) set false."
  type        = bool
  default     = true
}

variable "tags" {
  description = "Extra tags for every resource (merged into the provider's default_tags)."
  type        = map(string)
  default     = {}
}
