//! The same infrastructure two ways, for N services: hashicorp/aws
//! resources (cluster, log group, two roles and a policy attachment, task
//! definition, security group, NLB, target group, listener, ECS service,
//! endpoint service with allowed principals), and `privatelink_service`
//! blocks (roles are inputs there).

const VARIABLES: &str = r#"
variable "vpc_id" { type = string }
variable "vpc_cidr" { type = string }
variable "subnet_ids" { type = list(string) }
"#;

/// hashicorp/aws, N services; with `wait_for_steady_state` each ECS service
/// is waited for until its rollout completes, as `privatelink_service` does.
pub fn peer(services: usize, wait_for_steady_state: bool) -> String {
    let mut hcl = r#"terraform {
  required_providers {
    aws = { source = "hashicorp/aws", version = "5.100.0" }
  }
}

provider "aws" {
  region      = "us-east-1"
  max_retries = MAX_RETRIES
}

locals {
  ecs_tasks_trust = jsonencode({
    Version = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "ecs-tasks.amazonaws.com" } }]
  })
}
"#
    .replace("MAX_RETRIES", &super::MAX_RETRIES.to_string());
    hcl.push_str(VARIABLES);
    for i in 0..services {
        hcl.push_str(&format!(
            r#"
resource "aws_ecs_cluster" "s{i}" {{
  name = "peer-{i}"
  setting {{
    name  = "containerInsights"
    value = "enabled"
  }}
}}

resource "aws_cloudwatch_log_group" "s{i}" {{
  name              = "/ecs/peer-{i}"
  retention_in_days = 30
}}

resource "aws_iam_role" "exec{i}" {{
  name               = "peer-{i}-execution"
  assume_role_policy = local.ecs_tasks_trust
}}

resource "aws_iam_role_policy_attachment" "exec{i}" {{
  role       = aws_iam_role.exec{i}.name
  policy_arn = "arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy"
}}

resource "aws_iam_role" "task{i}" {{
  name               = "peer-{i}-task"
  assume_role_policy = local.ecs_tasks_trust
}}

resource "aws_ecs_task_definition" "s{i}" {{
  family                   = "peer-{i}"
  network_mode             = "awsvpc"
  requires_compatibilities = ["FARGATE"]
  cpu                      = "256"
  memory                   = "512"
  execution_role_arn       = aws_iam_role.exec{i}.arn
  task_role_arn            = aws_iam_role.task{i}.arn
  container_definitions = jsonencode([{{
    name         = "app"
    image        = "registry.example.com/api:1.0.0"
    essential    = true
    portMappings = [{{ containerPort = 8080, protocol = "tcp" }}]
    logConfiguration = {{
      logDriver = "awslogs"
      options = {{
        "awslogs-group"         = aws_cloudwatch_log_group.s{i}.name
        "awslogs-region"        = "us-east-1"
        "awslogs-stream-prefix" = "peer-{i}"
      }}
    }}
  }}])
}}

resource "aws_security_group" "s{i}" {{
  name   = "peer-{i}-tasks"
  vpc_id = var.vpc_id
  ingress {{
    from_port   = 8080
    to_port     = 8080
    protocol    = "tcp"
    cidr_blocks = [var.vpc_cidr]
  }}
  egress {{
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = ["0.0.0.0/0"]
  }}
}}

resource "aws_lb" "s{i}" {{
  name               = "peer-{i}"
  internal           = true
  load_balancer_type = "network"
  subnets            = var.subnet_ids
}}

resource "aws_lb_target_group" "s{i}" {{
  name                 = "peer-{i}"
  port                 = 8080
  protocol             = "TCP"
  target_type          = "ip"
  vpc_id               = var.vpc_id
  deregistration_delay = 300
  health_check {{
    protocol = "HTTP"
    path     = "/health"
    matcher  = "200"
  }}
}}

resource "aws_lb_listener" "s{i}" {{
  load_balancer_arn = aws_lb.s{i}.arn
  port              = 8080
  protocol          = "TCP"
  default_action {{
    type             = "forward"
    target_group_arn = aws_lb_target_group.s{i}.arn
  }}
}}

resource "aws_ecs_service" "s{i}" {{
  name                               = "peer-{i}"
  cluster                            = aws_ecs_cluster.s{i}.id
  task_definition                    = aws_ecs_task_definition.s{i}.arn
  desired_count                      = 1
  launch_type                        = "FARGATE"
  deployment_maximum_percent         = 200
  deployment_minimum_healthy_percent = 50
  health_check_grace_period_seconds  = 60
  network_configuration {{
    subnets          = var.subnet_ids
    security_groups  = [aws_security_group.s{i}.id]
    assign_public_ip = false
  }}
  load_balancer {{
    target_group_arn = aws_lb_target_group.s{i}.arn
    container_name   = "app"
    container_port   = 8080
  }}
  wait_for_steady_state              = {wait_for_steady_state}
  depends_on                         = [aws_lb_listener.s{i}, aws_iam_role_policy_attachment.exec{i}]
}}

resource "aws_vpc_endpoint_service" "s{i}" {{
  acceptance_required        = true
  network_load_balancer_arns = [aws_lb.s{i}.arn]
  allowed_principals         = ["arn:aws:iam::333333333333:root"]
}}
"#
        ));
    }
    hcl
}

/// privatelink_service, N services; `wait_for_steady_state` as for `peer`.
pub fn ours(services: usize, wait_for_steady_state: bool) -> String {
    let mut hcl = r#"terraform {
  required_providers {
    privatelink = { source = "privatelink-labs/privatelink" }
  }
}

provider "privatelink" {
  region      = "us-east-1"
  max_retries = MAX_RETRIES
}
"#
    .replace("MAX_RETRIES", &super::MAX_RETRIES.to_string());
    hcl.push_str(VARIABLES);
    for i in 0..services {
        hcl.push_str(&format!(
            r#"
resource "privatelink_service" "s{i}" {{
  name               = "ours-{i}"
  vpc_id             = var.vpc_id
  subnet_ids         = var.subnet_ids
  execution_role_arn = "arn:aws:iam::123456789012:role/ours-{i}-execution"
  task_role_arn      = "arn:aws:iam::123456789012:role/ours-{i}-task"
  container = {{
    image = "registry.example.com/api:1.0.0"
  }}
  allowed_principals        = ["arn:aws:iam::333333333333:root"]
  keep_log_group_on_destroy = false
  wait_for_steady_state     = {wait_for_steady_state}
}}
"#
        ));
    }
    hcl
}
