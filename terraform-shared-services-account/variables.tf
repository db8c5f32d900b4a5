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

variable "shared_services_account_ids" {
  description = "Shared-services account id per environment (keys: dev, staging, prod). Environments may share one account: the highest of prod, staging, dev among those sharing it owns the account-wide GitHub OIDC provider."
  type        = map(string)

  validation {
    condition = length(var.shared_services_account_ids) > 0 && alltrue([
      for env, id in var.shared_services_account_ids :
      contains(["dev", "staging", "prod"], env) && can(regex("^[0-9]{12}$", id))
    ])
    error_message = "shared_services_account_ids needs keys among dev, staging, prod and 12-digit account ids as values."
  }
}

variable "workload_account_ids" {
  description = "Per environment, the workload (provider and consumer) accounts that pull images from the repositories and remote-write metrics to the Prometheus workspace. At least one per environment."
  type        = map(list(string))

  validation {
    condition = length(var.workload_account_ids) > 0 && alltrue([
      for env, ids in var.workload_account_ids :
      contains(["dev", "staging", "prod"], env) && length(ids) > 0 && alltrue([for id in ids : can(regex("^[0-9]{12}$", id))])
    ])
    error_message = "workload_account_ids needs keys among dev, staging, prod, each a non-empty list of 12-digit account ids."
  }
}

variable "monitoring_reader_account_ids" {
  description = "Per environment, the accounts whose principals may assume the monitoring role (e.g. the security and networking accounts). At least one per environment."
  type        = map(list(string))

  validation {
    condition = length(var.monitoring_reader_account_ids) > 0 && alltrue([
      for env, ids in var.monitoring_reader_account_ids :
      contains(["dev", "staging", "prod"], env) && length(ids) > 0 && alltrue([for id in ids : can(regex("^[0-9]{12}$", id))])
    ])
    error_message = "monitoring_reader_account_ids needs keys among dev, staging, prod, each a non-empty list of 12-digit account ids."
  }
}

variable "external_ids" {
  description = "sts:ExternalId required to assume the monitoring and metrics-writer roles, per environment. Generate a random value per environment (e.g. `openssl rand -hex 24`); pass it through TF_VAR_external_ids or an untracked tfvars file."
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

variable "services" {
  description = "Services that get an image repository (one per service and environment)."
  type        = list(string)
  default     = ["api-service", "api-consumer"]

  validation {
    condition = length(var.services) > 0 && length(distinct(var.services)) == length(var.services) && alltrue([
      for s in var.services : can(regex("^[a-z][a-z0-9-]{0,40}[a-z0-9]$", s))
    ])
    error_message = "services must be a non-empty list of distinct names of 2-42 characters (a-z, 0-9, '-'), starting with a letter."
  }
}

variable "github_repositories" {
  description = "GitHub repositories (owner/name) whose Actions workflows may assume the CI/CD role through OIDC. A workflow must run in the GitHub environment named like the Terraform workspace (dev, staging, prod); protect staging and prod there with required reviewers."
  type        = list(string)

  validation {
    condition = length(var.github_repositories) > 0 && alltrue([
      for r in var.github_repositories : can(regex("^[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$", r))
    ])
    error_message = "github_repositories must be a non-empty list of owner/name strings without wildcards."
  }
}

variable "github_oidc_provider_arn" {
  description = "ARN of an existing token.actions.githubusercontent.com OIDC provider in this account. Leave null to let the owning workspace create it."
  type        = string
  default     = null

  validation {
    condition     = var.github_oidc_provider_arn == null || can(regex("^arn:aws[a-z-]*:iam::[0-9]{12}:oidc-provider/token\\.actions\\.githubusercontent\\.com$", var.github_oidc_provider_arn))
    error_message = "github_oidc_provider_arn must be null or the ARN of the token.actions.githubusercontent.com OIDC provider."
  }
}

variable "oidc_home_region" {
  description = "The one region whose deployment creates the account-wide GitHub OIDC provider (IAM is global); deployments in other regions refer to it by its fixed ARN and must be applied after it. Required, with no default, so that two regions never both try to create it: set it to the same value, e.g. your primary region, in every region's tfvars. Ignored when github_oidc_provider_arn is set."
  type        = string

  validation {
    condition     = can(regex("^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-[0-9]$", var.oidc_home_region))
    error_message = "oidc_home_region must be an AWS region name such as us-east-1."
  }
}

variable "enable_xray" {
  description = "Create the X-Ray sampling rule for the services' traces."
  type        = bool
  default     = true
}

variable "protect_from_destroy" {
  description = "Refuse to delete non-empty buckets and image repositories. Only throw-away environments (tests) set false."
  type        = bool
  default     = true
}

variable "tags" {
  description = "Extra tags for every resource (merged into the provider's default_tags)."
  type        = map(string)
  default     = {}
}
