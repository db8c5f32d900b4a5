variable "region" {
  description = "AWS region of this deployment, e.g. us-east-1."
  type        = string

  validation {
    condition     = can(regex("^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-[0-9]$", var.region))
    error_message = "region must be an AWS region name such as us-east-1."
  }
}

variable "name_prefix" {
  description = "Prefix of every name this directory creates (2-12 characters: lower-case letters, digits, hyphens). Names are <prefix>-<environment>[-<region>]-<purpose>."
  type        = string

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{0,10}[a-z0-9]$", var.name_prefix))
    error_message = "name_prefix must be 2-12 characters of a-z, 0-9 and '-', start with a letter and not end with '-'."
  }
}

variable "networking_account_ids" {
  description = "Networking account id per environment (keys: dev, staging, prod). The provider refuses any other account."
  type        = map(string)

  validation {
    condition = length(var.networking_account_ids) > 0 && alltrue([
      for env, id in var.networking_account_ids :
      contains(["dev", "staging", "prod"], env) && can(regex("^[0-9]{12}$", id))
    ])
    error_message = "networking_account_ids needs keys among dev, staging, prod and 12-digit account ids as values."
  }
}

variable "security_account_ids" {
  description = "Security account id per environment; its principals may assume the network audit role."
  type        = map(string)

  validation {
    condition = length(var.security_account_ids) > 0 && alltrue([
      for env, id in var.security_account_ids :
      contains(["dev", "staging", "prod"], env) && can(regex("^[0-9]{12}$", id))
    ])
    error_message = "security_account_ids needs keys among dev, staging, prod and 12-digit account ids as values."
  }
}

variable "external_ids" {
  description = "sts:ExternalId required to assume the cross-account roles, per environment. Generate a random value per environment (e.g. `openssl rand -hex 24`) and share it only with the trusted accounts; pass it through TF_VAR_external_ids or an untracked tfvars file."
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

variable "workload_vpcs" {
  description = <<-EOT
    Workload VPCs that attach to this environment's transit gateway, per environment:
    { <env> = { <name> = { account_id, vpc_cidr, attachment_id } } }.
    account_id is shared the transit gateway through RAM. attachment_id is the
    tgw-attach-... id that the workload workspace created
    (aws_ec2_transit_gateway_vpc_attachment); leave it null until then. Once set,
    this directory accepts the attachment (when it comes from another account),
    associates it with the environment's route table and propagates its CIDR.
  EOT
  type = map(map(object({
    account_id    = string
    vpc_cidr      = string
    attachment_id = optional(string)
  })))

  validation {
    condition     = alltrue([for env in keys(var.workload_vpcs) : contains(["dev", "staging", "prod"], env)])
    error_message = "workload_vpcs keys must be among dev, staging, prod."
  }

  validation {
    condition = alltrue(flatten([
      for env, vpcs in var.workload_vpcs : [
        for name, vpc in vpcs : can(regex("^[a-z][a-z0-9-]{0,30}$", name)) && can(regex("^[0-9]{12}$", vpc.account_id))
      ]
    ]))
    error_message = "Every workload name must match ^[a-z][a-z0-9-]{0,30}$ and every account_id must be 12 digits."
  }

  validation {
    condition = alltrue(flatten([
      for env, vpcs in var.workload_vpcs : [
        for name, vpc in vpcs : can(regex("^[0-9]{1,3}(\\.[0-9]{1,3}){3}/[0-9]{1,2}$", vpc.vpc_cidr)) && try(
          cidrsubnet(vpc.vpc_cidr, 0, 0) == vpc.vpc_cidr &&
          tonumber(split("/", vpc.vpc_cidr)[1]) >= 16 &&
          tonumber(split("/", vpc.vpc_cidr)[1]) <= 28,
          false
        )
      ]
    ]))
    error_message = "Every vpc_cidr must be an IPv4 network in canonical form (e.g. 10.1.0.0/16) with a prefix length of /16 to /28."
  }

  validation {
    # Overlapping CIDRs cannot be routed through one route table. Two networks
    # overlap when they agree on the shorter of their two prefixes.
    condition = alltrue(flatten([
      for env, vpcs in var.workload_vpcs : [
        for i, a in values(vpcs) : [
          for j, b in values(vpcs) : j <= i || try(
            cidrhost("${split("/", a.vpc_cidr)[0]}/${min(tonumber(split("/", a.vpc_cidr)[1]), tonumber(split("/", b.vpc_cidr)[1]))}", 0) !=
            cidrhost("${split("/", b.vpc_cidr)[0]}/${min(tonumber(split("/", a.vpc_cidr)[1]), tonumber(split("/", b.vpc_cidr)[1]))}", 0),
            true
          )
        ]
      ]
    ]))
    error_message = "Workload VPC CIDRs of one environment must not overlap."
  }

  validation {
    condition = alltrue(flatten([
      for env, vpcs in var.workload_vpcs : [
        for name, vpc in vpcs : vpc.attachment_id == null || can(regex("^tgw-attach-[0-9a-f]{8,17}$", vpc.attachment_id))
      ]
    ]))
    error_message = "attachment_id must be null or a transit gateway attachment id (tgw-attach-...)."
  }
}

variable "ram_allow_external_principals" {
  description = "Allow the RAM share to reach accounts outside this AWS Organization (they must then accept the share). Keep false when all accounts are in one organization with RAM sharing enabled."
  type        = bool
  default     = false
}

variable "tags" {
  description = "Extra tags for every resource (merged into the provider's default_tags)."
  type        = map(string)
  default     = {}
}
