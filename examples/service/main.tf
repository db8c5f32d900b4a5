# A complete starting point: a network and the task roles made with
# hashicorp/aws, and one privatelink_service that exposes an ECS Fargate
# service to other accounts through PrivateLink.
#
# Against real AWS: your usual credentials and region, `terraform apply`.
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

provider "aws" {
  region = var.region
  default_tags {
    tags = local.tags
  }
}

provider "privatelink" {
  region = var.region
  default_tags {
    tags = local.tags
  }
}

locals {
  tags  = { Project = "privatelink-example", ManagedBy = "Terraform" }
  zones = slice(sort(data.aws_availability_zones.available.names), 0, 2)
}

data "aws_availability_zones" "available" {
  state = "available"
}

# Network: private subnets for the load balancer and tasks, a public one
# for the NAT gateway the tasks pull images through.
resource "aws_vpc" "this" {
  cidr_block           = var.vpc_cidr
  enable_dns_hostnames = true
  enable_dns_support   = true
  tags                 = { Name = var.name }
}

resource "aws_subnet" "private" {
  count             = length(local.zones)
  vpc_id            = aws_vpc.this.id
  availability_zone = local.zones[count.index]
  cidr_block        = cidrsubnet(var.vpc_cidr, 8, count.index + 1)
  tags              = { Name = "${var.name}-private-${local.zones[count.index]}", Tier = "private" }
}

resource "aws_subnet" "public" {
  vpc_id            = aws_vpc.this.id
  availability_zone = local.zones[0]
  cidr_block        = cidrsubnet(var.vpc_cidr, 8, 101)
  tags              = { Name = "${var.name}-public", Tier = "public" }
}

resource "aws_internet_gateway" "this" {
  vpc_id = aws_vpc.this.id
}

resource "aws_eip" "nat" {
  domain = "vpc"
}

resource "aws_nat_gateway" "this" {
  allocation_id = aws_eip.nat.id
  subnet_id     = aws_subnet.public.id
  depends_on    = [aws_internet_gateway.this]
}

resource "aws_route_table" "public" {
  vpc_id = aws_vpc.this.id
  route {
    cidr_block = "0.0.0.0/0"
    gateway_id = aws_internet_gateway.this.id
  }
}

resource "aws_route_table_association" "public" {
  subnet_id      = aws_subnet.public.id
  route_table_id = aws_route_table.public.id
}

resource "aws_route_table" "private" {
  vpc_id = aws_vpc.this.id
  route {
    cidr_block     = "0.0.0.0/0"
    nat_gateway_id = aws_nat_gateway.this.id
  }
}

resource "aws_route_table_association" "private" {
  count          = length(aws_subnet.private)
  subnet_id      = aws_subnet.private[count.index].id
  route_table_id = aws_route_table.private.id
}

# Roles: the execution role pulls the image and writes logs; the task role
# is what the application runs as.
data "aws_iam_policy_document" "ecs_tasks" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["ecs-tasks.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "execution" {
  name               = "${var.name}-execution"
  assume_role_policy = data.aws_iam_policy_document.ecs_tasks.json
}

resource "aws_iam_role_policy_attachment" "execution" {
  role       = aws_iam_role.execution.name
  policy_arn = "arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy"
}

resource "aws_iam_role" "task" {
  name               = "${var.name}-task"
  assume_role_policy = data.aws_iam_policy_document.ecs_tasks.json
}

resource "privatelink_service" "this" {
  name               = var.name
  vpc_id             = aws_vpc.this.id
  subnet_ids         = aws_subnet.private[*].id
  execution_role_arn = aws_iam_role.execution.arn
  task_role_arn      = aws_iam_role.task.arn

  container = {
    image = var.image
    port  = var.container_port
    environment = {
      SERVICE_NAME = var.name
    }
  }
  health_check = {
    path = var.health_check_path
  }

  desired_count      = var.desired_count
  allowed_principals = [for id in var.consumer_account_ids : "arn:aws:iam::${id}:root"]

  # The role policy must stay until the service is gone, or its tasks
  # cannot be stopped cleanly.
  depends_on = [aws_iam_role_policy_attachment.execution, aws_route_table_association.private]
}
