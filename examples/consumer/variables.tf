variable "region" {
  type        = string
  default     = "us-east-1"
  description = "AWS region of both accounts (PrivateLink connects within a region)."
}

variable "owner_account_id" {
  type        = string
  default     = "111111111111"
  description = "The account that runs and exposes the service (12 digits)."
  validation {
    condition     = can(regex("^[0-9]{12}$", var.owner_account_id))
    error_message = "The owner_account_id value must be 12 digits."
  }
}

variable "consumer_account_id" {
  type        = string
  default     = "222222222222"
  description = "The account whose applications call the service (12 digits)."
  validation {
    condition     = can(regex("^[0-9]{12}$", var.consumer_account_id))
    error_message = "The consumer_account_id value must be 12 digits."
  }
}

variable "role_name" {
  type        = string
  default     = "OrganizationAccountAccessRole"
  description = "The role Terraform assumes in both accounts."
}

variable "service_name" {
  type        = string
  default     = "api-service-dev"
  description = "Name of the service and of everything made for it in the owner's account (1-32 letters, digits, hyphens)."
}

variable "consumer_name" {
  type        = string
  default     = "api-service"
  description = "Name of the consumer's endpoint; its security group is privatelink-consumer-<name>."
}

variable "owner_vpc_cidr" {
  type        = string
  default     = "10.31.0.0/16"
  description = "CIDR block of the owner's VPC; subnets are /24s inside it."
  validation {
    condition     = can(cidrhost(var.owner_vpc_cidr, 0))
    error_message = "The owner_vpc_cidr value must be a CIDR block such as 10.31.0.0/16."
  }
}

variable "consumer_vpc_cidr" {
  type        = string
  default     = "10.40.0.0/16"
  description = "CIDR block of the consumer's VPC; subnets are /24s inside it."
  validation {
    condition     = can(cidrhost(var.consumer_vpc_cidr, 0))
    error_message = "The consumer_vpc_cidr value must be a CIDR block such as 10.40.0.0/16."
  }
}

variable "image" {
  type        = string
  default     = "public.ecr.aws/docker/library/httpd:2.4"
  description = "Container image of the service."
}

variable "container_port" {
  type        = number
  default     = 80
  description = "Port the container listens on (and consumers connect to)."
}
