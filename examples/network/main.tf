# A workload network made with hashicorp/aws, then found again with
# privatelink_network the way workload workspaces find theirs: by tags and
# subnet tier.
#
# Against real AWS: set your usual credentials and region, `terraform apply`.
# Against the embedded AWS: `eval "$(scripts/local-aws env)"` first.

terraform {
  required_version = ">= 1.0.3"
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 5.0, < 6.0"
    }
    privatelink = {
      source  = "privatelink-labs/privatelink"
      version = "~> 0.1"
    }
  }
}

variable "region" {
  type        = string
  default     = "us-east-1"
  description = "AWS region."
}

variable "name" {
  type        = string
  default     = "privatelink-demo"
  description = "Name tag of the VPC."
}

variable "zone_ids" {
  type        = list(string)
  default     = null
  description = "Availability zone ids (use1-az1...) of the subnets; by default the first two zones by name. A consumer account's network passes the zone ids of the service owner's network (its availability_zone_ids output): zone names differ between accounts, zone ids do not."
}

variable "vpc_cidr" {
  type        = string
  default     = "10.42.0.0/16"
  description = "CIDR block of the VPC; subnets are /24s inside it."
}

provider "aws" {
  region = var.region
}

provider "privatelink" {
  region = var.region
}

data "aws_availability_zones" "available" {
  state = "available"
}

locals {
  zone_names = data.aws_availability_zones.available.names
  zone_ids   = data.aws_availability_zones.available.zone_ids
  zone_name  = zipmap(local.zone_ids, local.zone_names)
  zone_id    = zipmap(local.zone_names, local.zone_ids)
  zones      = var.zone_ids == null ? slice(sort(local.zone_names), 0, 2) : [for id in var.zone_ids : local.zone_name[id]]
}

resource "aws_vpc" "workload" {
  cidr_block           = var.vpc_cidr
  enable_dns_hostnames = true
  enable_dns_support   = true
  tags                 = { Name = var.name }
}

resource "aws_subnet" "private" {
  count             = length(local.zones)
  vpc_id            = aws_vpc.workload.id
  availability_zone = local.zones[count.index]
  cidr_block        = cidrsubnet(var.vpc_cidr, 8, count.index + 1)
  tags              = { Name = "${var.name}-private-${local.zones[count.index]}", Tier = "private" }
}

resource "aws_subnet" "public" {
  count             = length(local.zones)
  vpc_id            = aws_vpc.workload.id
  availability_zone = local.zones[count.index]
  cidr_block        = cidrsubnet(var.vpc_cidr, 8, count.index + 101)
  tags              = { Name = "${var.name}-public-${local.zones[count.index]}", Tier = "public" }
}

data "privatelink_network" "workload" {
  tags        = { Name = var.name }
  subnet_tier = "private"

  # Read after the subnets exist.
  depends_on = [aws_subnet.private, aws_subnet.public]
}

output "vpc_id" {
  description = "The VPC found by tags."
  value       = data.privatelink_network.workload.vpc_id
}

output "private_subnet_ids" {
  description = "Subnets tagged Tier = private, ordered by availability zone."
  value       = data.privatelink_network.workload.subnet_ids
}

output "availability_zones" {
  description = "Zones of the private subnets."
  value       = data.privatelink_network.workload.availability_zones
}

output "availability_zone_ids" {
  description = "Zone ids of the private subnets (the same in every account)."
  value       = [for name in data.privatelink_network.workload.availability_zones : local.zone_id[name]]
}
