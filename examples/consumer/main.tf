# Both sides of a PrivateLink connection between two accounts, in one
# configuration: the owner's account runs a privatelink_service, the
# consumer's account reaches it through a privatelink_consumer endpoint,
# and a privatelink_connection_accepter accepts the connection as the
# owner. Each account has its own provider aliases (hashicorp/aws for the
# networks and roles, privatelink for the rest), reached by assuming
# var.role_name in it.
#
# Against real AWS: credentials that may assume the role in both accounts,
# `terraform apply`. Against the embedded AWS: `eval "$(scripts/local-aws env)"`
# first.

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

locals {
  tags              = { Project = "privatelink-example", ManagedBy = "Terraform" }
  owner_role_arn    = "arn:aws:iam::${var.owner_account_id}:role/${var.role_name}"
  consumer_role_arn = "arn:aws:iam::${var.consumer_account_id}:role/${var.role_name}"
  consumer_as_arn   = "arn:aws:iam::${var.consumer_account_id}:root"
}

provider "aws" {
  alias  = "owner"
  region = var.region
  assume_role {
    role_arn = local.owner_role_arn
  }
  default_tags {
    tags = local.tags
  }
}

provider "privatelink" {
  alias  = "owner"
  region = var.region
  assume_role {
    role_arn = local.owner_role_arn
  }
  default_tags {
    tags = local.tags
  }
}

provider "aws" {
  alias  = "consumer"
  region = var.region
  assume_role {
    role_arn = local.consumer_role_arn
  }
  default_tags {
    tags = local.tags
  }
}

provider "privatelink" {
  alias  = "consumer"
  region = var.region
  assume_role {
    role_arn = local.consumer_role_arn
  }
  default_tags {
    tags = local.tags
  }
}

# Zones. The consumer's endpoint may only use zones the service has a load
# balancer in, and zone names (us-east-1a...) name different zones in
# different accounts: the consumer's zones are the ones whose zone ids are
# the owner's.
data "aws_availability_zones" "owner" {
  provider = aws.owner
  state    = "available"
}

data "aws_availability_zones" "consumer" {
  provider = aws.consumer
  state    = "available"
}

locals {
  owner_zones = slice(sort(data.aws_availability_zones.owner.names), 0, 2)
  owner_zone_ids = [
    for zone in local.owner_zones :
    data.aws_availability_zones.owner.zone_ids[index(data.aws_availability_zones.owner.names, zone)]
  ]
  consumer_zone_by_id = zipmap(data.aws_availability_zones.consumer.zone_ids, data.aws_availability_zones.consumer.names)
  consumer_zones      = [for id in local.owner_zone_ids : local.consumer_zone_by_id[id]]
}

# ---------------------------------------------------------------------------
# The owner's account: a network (private subnets for the load balancer and
# tasks, a public one for the NAT gateway the tasks pull images through),
# the task execution role, and the service.

resource "aws_vpc" "owner" {
  provider             = aws.owner
  cidr_block           = var.owner_vpc_cidr
  enable_dns_hostnames = true
  enable_dns_support   = true
  tags                 = { Name = var.service_name }
}

resource "aws_subnet" "owner_private" {
  provider          = aws.owner
  count             = length(local.owner_zones)
  vpc_id            = aws_vpc.owner.id
  availability_zone = local.owner_zones[count.index]
  cidr_block        = cidrsubnet(var.owner_vpc_cidr, 8, count.index + 1)
  tags              = { Name = "${var.service_name}-private-${local.owner_zones[count.index]}", Tier = "private" }
}

resource "aws_subnet" "owner_public" {
  provider          = aws.owner
  vpc_id            = aws_vpc.owner.id
  availability_zone = local.owner_zones[0]
  cidr_block        = cidrsubnet(var.owner_vpc_cidr, 8, 101)
  tags              = { Name = "${var.service_name}-public", Tier = "public" }
}

resource "aws_internet_gateway" "owner" {
  provider = aws.owner
  vpc_id   = aws_vpc.owner.id
}

resource "aws_eip" "owner_nat" {
  provider = aws.owner
  domain   = "vpc"
}

resource "aws_nat_gateway" "owner" {
  provider      = aws.owner
  allocation_id = aws_eip.owner_nat.id
  subnet_id     = aws_subnet.owner_public.id
  depends_on    = [aws_internet_gateway.owner]
}

resource "aws_route_table" "owner_public" {
  provider = aws.owner
  vpc_id   = aws_vpc.owner.id
  route {
    cidr_block = "0.0.0.0/0"
    gateway_id = aws_internet_gateway.owner.id
  }
}

resource "aws_route_table_association" "owner_public" {
  provider       = aws.owner
  subnet_id      = aws_subnet.owner_public.id
  route_table_id = aws_route_table.owner_public.id
}

resource "aws_route_table" "owner_private" {
  provider = aws.owner
  vpc_id   = aws_vpc.owner.id
  route {
    cidr_block     = "0.0.0.0/0"
    nat_gateway_id = aws_nat_gateway.owner.id
  }
}

resource "aws_route_table_association" "owner_private" {
  provider       = aws.owner
  count          = length(aws_subnet.owner_private)
  subnet_id      = aws_subnet.owner_private[count.index].id
  route_table_id = aws_route_table.owner_private.id
}

# The execution role pulls the image and writes logs.
data "aws_iam_policy_document" "ecs_tasks" {
  provider = aws.owner
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["ecs-tasks.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "execution" {
  provider           = aws.owner
  name               = "${var.service_name}-execution"
  assume_role_policy = data.aws_iam_policy_document.ecs_tasks.json
}

resource "aws_iam_role_policy_attachment" "execution" {
  provider   = aws.owner
  role       = aws_iam_role.execution.name
  policy_arn = "arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy"
}

resource "privatelink_service" "this" {
  provider           = privatelink.owner
  name               = var.service_name
  vpc_id             = aws_vpc.owner.id
  subnet_ids         = aws_subnet.owner_private[*].id
  execution_role_arn = aws_iam_role.execution.arn

  container = {
    image = var.image
    port  = var.container_port
  }
  desired_count = 2

  # Only the consumer account may connect, and each connection is accepted
  # (below). With acceptance_required = false these accounts' endpoints
  # would connect at once, with no acceptance step at all: the simplest
  # choice when allowed_principals is this narrow.
  allowed_principals  = [local.consumer_as_arn]
  acceptance_required = true

  # The role policy must stay until the service is gone, or its tasks
  # cannot be stopped cleanly.
  depends_on = [aws_iam_role_policy_attachment.execution, aws_route_table_association.owner_private]
}

# ---------------------------------------------------------------------------
# The consumer's account: a network with private subnets in the service's
# zones, and the endpoint.

resource "aws_vpc" "consumer" {
  provider             = aws.consumer
  cidr_block           = var.consumer_vpc_cidr
  enable_dns_hostnames = true
  enable_dns_support   = true
  tags                 = { Name = "${var.consumer_name}-consumer" }
}

resource "aws_subnet" "consumer_private" {
  provider          = aws.consumer
  count             = length(local.consumer_zones)
  vpc_id            = aws_vpc.consumer.id
  availability_zone = local.consumer_zones[count.index]
  cidr_block        = cidrsubnet(var.consumer_vpc_cidr, 8, count.index + 1)
  tags              = { Name = "${var.consumer_name}-private-${local.consumer_zones[count.index]}", Tier = "private" }
}

resource "privatelink_consumer" "this" {
  provider     = privatelink.consumer
  name         = var.consumer_name
  service_name = privatelink_service.this.service_name
  vpc_id       = aws_vpc.consumer.id
  subnet_ids   = aws_subnet.consumer_private[*].id
  port         = privatelink_service.this.listener_port
  # allowed_cidr_blocks defaults to the consumer VPC's CIDR blocks.

  # The accepter below accepts the connection, after this endpoint exists:
  # this resource's apply ends at pendingAcceptance, and its `state` reads
  # available from the next refresh on.
  wait_for_acceptance = false

  # The other way: accept from this side, through a role in the owner's
  # account that trusts the consumer account and may call
  # ec2:DescribeVpcEndpointConnections and ec2:AcceptVpcEndpointConnections
  # (then no privatelink_connection_accepter, and wait_for_acceptance stays
  # true):
  #
  # acceptance {
  #   role_arn    = "arn:aws:iam::${var.owner_account_id}:role/accept-endpoints"
  #   external_id = "api-service-consumers"
  # }
}

# ---------------------------------------------------------------------------
# Back in the owner's account: accept the consumer's connection.

resource "privatelink_connection_accepter" "this" {
  provider            = privatelink.owner
  endpoint_service_id = privatelink_service.this.id
  endpoint_id         = privatelink_consumer.this.id
}
