variable "region" {
  type        = string
  default     = "us-east-1"
  description = "AWS region."
}

variable "name" {
  type        = string
  default     = "api-service-dev"
  description = "Name of the service and of everything made for it (1-32 letters, digits, hyphens)."
}

variable "vpc_cidr" {
  type        = string
  default     = "10.31.0.0/16"
  description = "CIDR block of the VPC; subnets are /24s inside it."
  validation {
    condition     = can(cidrhost(var.vpc_cidr, 0))
    error_message = "The vpc_cidr value must be a CIDR block such as 10.31.0.0/16."
  }
}

variable "image" {
  type        = string
  default     = "public.ecr.aws/docker/library/httpd:2.4"
  description = "Container image."
}

variable "container_port" {
  type        = number
  default     = 80
  description = "Port the container listens on."
}

variable "health_check_path" {
  type        = string
  default     = "/"
  description = "HTTP path the load balancer checks."
}

variable "desired_count" {
  type        = number
  default     = 2
  description = "Number of tasks."
}

variable "consumer_account_ids" {
  type        = list(string)
  default     = ["333333333333"]
  description = "Accounts allowed to connect to the service (12-digit ids)."
  validation {
    condition     = alltrue([for id in var.consumer_account_ids : can(regex("^[0-9]{12}$", id))])
    error_message = "Each consumer account id must be 12 digits."
  }
}
