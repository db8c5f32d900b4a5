variable "region" {
  description = "AWS region; the same as the networking account's transit gateway."
  type        = string

  validation {
    condition     = can(regex("^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-[0-9]$", var.region))
    error_message = "region must be an AWS region name such as us-east-1."
  }
}

variable "environment" {
  description = "Environment whose transit gateway to attach to (dev, staging, prod)."
  type        = string

  validation {
    condition     = contains(["dev", "staging", "prod"], var.environment)
    error_message = "environment must be dev, staging or prod."
  }
}

variable "name" {
  description = "Workload name; the same key as in the networking account's workload_vpcs."
  type        = string

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{0,30}$", var.name))
    error_message = "name must match ^[a-z][a-z0-9-]{0,30}$."
  }
}

variable "workload_account_id" {
  description = "Account id of the workload account this configuration runs in."
  type        = string

  validation {
    condition     = can(regex("^[0-9]{12}$", var.workload_account_id))
    error_message = "workload_account_id must be 12 digits."
  }
}

variable "vpc_cidr" {
  description = "CIDR of the workload VPC; must equal its vpc_cidr in the networking account's workload_vpcs."
  type        = string

  validation {
    condition = can(regex("^[0-9]{1,3}(\\.[0-9]{1,3}){3}/[0-9]{1,2}$", var.vpc_cidr)) && try(
      cidrsubnet(var.vpc_cidr, 0, 0) == var.vpc_cidr && tonumber(split("/", var.vpc_cidr)[1]) >= 16 && tonumber(split("/", var.vpc_cidr)[1]) <= 27,
      false
    )
    error_message = "vpc_cidr must be an IPv4 network in canonical form with a prefix of /16 to /27, e.g. 10.1.0.0/16."
  }
}

variable "availability_zone_ids" {
  description = "Zone ids (e.g. use1-az1, use1-az2) of the attachment subnets; one /28 subnet is carved per zone."
  type        = list(string)

  validation {
    condition     = length(var.availability_zone_ids) >= 2 && alltrue([for z in var.availability_zone_ids : can(regex("^[a-z]{2,4}[0-9]-az[0-9]+$", z))])
    error_message = "availability_zone_ids needs at least two zone ids such as use1-az1."
  }
}

variable "connectivity_reader_role_arn" {
  description = "connectivity_reader_role_arn output of terraform-base-infra for this environment."
  type        = string

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:iam::[0-9]{12}:role/.+$", var.connectivity_reader_role_arn))
    error_message = "connectivity_reader_role_arn must be an IAM role ARN."
  }
}

variable "external_id" {
  description = "The environment's external id (terraform-base-infra external_ids)."
  type        = string
  sensitive   = true

  validation {
    condition     = length(var.external_id) >= 16
    error_message = "external_id must be at least 16 characters."
  }
}

variable "routes_enabled" {
  description = "Route the other workload CIDRs to the transit gateway. Leave false for the first apply, which creates the attachment; set true and apply again once terraform-base-infra has accepted (cross-account), associated and propagated it."
  type        = bool
  default     = false

  validation {
    condition     = var.routes_enabled != null
    error_message = "routes_enabled must be true or false."
  }
}
