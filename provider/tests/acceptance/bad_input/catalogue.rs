//! The invalid configurations: each replaces one line (or adds one) of a
//! valid base configuration (see `super`), says what is wrong in words for
//! the docs, and gives a part of the error Terraform must print.

/// What the configuration is about.
#[derive(Clone, Copy)]
pub enum Target {
    Provider,
    Network,
    Service,
    Consumer,
    Accepter,
}

impl Target {
    /// The name in the docs table.
    pub fn label(self) -> &'static str {
        match self {
            Target::Provider => "provider block",
            Target::Network => "`privatelink_network`",
            Target::Service => "`privatelink_service`",
            Target::Consumer => "`privatelink_consumer`",
            Target::Accepter => "`privatelink_connection_accepter`",
        }
    }
}

/// One invalid configuration.
pub struct Case {
    pub id: &'static str,
    pub target: Target,
    /// What is wrong, for the docs.
    pub what: &'static str,
    /// The text of the base configuration replaced ...
    pub replace: &'static str,
    /// ... by this; its first `name = value` line (else its first line) is
    /// where the error must point.
    pub with: &'static str,
    /// Part of the error Terraform prints.
    pub says: &'static str,
}

use Target::*;

const fn case(
    id: &'static str,
    target: Target,
    what: &'static str,
    replace: &'static str,
    with: &'static str,
    says: &'static str,
) -> Case {
    Case {
        id,
        target,
        what,
        replace,
        with,
        says,
    }
}

/// A line added to the service resource, before `allowed_principals`.
const SERVICE_ANCHOR: &str = "  allowed_principals = [\"arn:aws:iam::333333333333:root\"]";
/// A line added to the service's container, before `port`.
const CONTAINER_ANCHOR: &str = "    port  = 8080";
/// A line added to the consumer resource, before `port`.
const CONSUMER_ANCHOR: &str = "  port         = 8080";
/// A line added to the provider block, after `region`.
const PROVIDER_ANCHOR: &str = "  region = \"us-east-1\"";

pub const CATALOGUE: &[Case] = &[
    // The provider block.
    case(
        "provider-region",
        Provider,
        "a region that does not exist",
        PROVIDER_ANCHOR,
        "  region = \"mars-east-1\"",
        "must be an AWS region",
    ),
    case(
        "provider-max-retries",
        Provider,
        "negative retries",
        PROVIDER_ANCHOR,
        "  max_retries = -1\n  region = \"us-east-1\"",
        "max_retries must be a whole number between 0 and 100",
    ),
    case(
        "provider-assume-role-user",
        Provider,
        "a user ARN to assume",
        PROVIDER_ANCHOR,
        "  assume_role {\n    role_arn = \"arn:aws:iam::123456789012:user/ci\"\n  }\n  region = \"us-east-1\"",
        "assume_role[0].role_arn must be an IAM role ARN",
    ),
    case(
        "provider-assume-role-duration",
        Provider,
        "a session longer than 12 hours",
        PROVIDER_ANCHOR,
        "  assume_role {\n    duration = \"13h\"\n    role_arn = \"arn:aws:iam::123456789012:role/ci\"\n  }\n  region = \"us-east-1\"",
        "must be between 15m and 12h",
    ),
    case(
        "provider-endpoint-url",
        Provider,
        "an endpoint that is not a URL",
        PROVIDER_ANCHOR,
        "  endpoints {\n    ec2 = \"not a url\"\n  }\n  region = \"us-east-1\"",
        "must be an absolute http(s) URL",
    ),
    case(
        "provider-default-tags-aws",
        Provider,
        "a default tag in the reserved `aws:` namespace",
        PROVIDER_ANCHOR,
        "  default_tags {\n    tags = { \"aws:team\" = \"x\" }\n  }\n  region = \"us-east-1\"",
        "not starting with \"aws:\"",
    ),
    // privatelink_network.
    case(
        "network-nothing",
        Network,
        "neither `id` nor `tags`",
        "data \"privatelink_network\" \"n\" {\n  tags        = { Name = \"workload-dev\" }\n",
        "data \"privatelink_network\" \"n\" {\n",
        "Missing VPC selector",
    ),
    case(
        "network-id-format",
        Network,
        "a subnet id where a VPC id belongs",
        "  tags        = { Name = \"workload-dev\" }",
        "  id          = \"subnet-0123456789abcdef0\"",
        "id must be a VPC id",
    ),
    case(
        "network-tier-empty",
        Network,
        "an empty subnet tier",
        "  subnet_tier = \"private\"",
        "  subnet_tier = \"\"",
        "subnet_tier must be between 1 and 256 characters",
    ),
    case(
        "network-tags-empty",
        Network,
        "empty tags",
        "  tags        = { Name = \"workload-dev\" }",
        "  tags        = {}",
        "Missing VPC selector",
    ),
    // privatelink_service.
    case(
        "service-name-long",
        Service,
        "a name too long for the load balancer and target group",
        "  name               = \"api-service-dev\"",
        "  name               = \"api-service-development-eu-west-1\"",
        "must be 1 to 32 characters",
    ),
    case(
        "service-name-chars",
        Service,
        "an underscore in the name",
        "  name               = \"api-service-dev\"",
        "  name               = \"api_service\"",
        "may contain only letters, digits and hyphens",
    ),
    case(
        "service-name-sg",
        Service,
        "a name starting with `sg-`",
        "  name               = \"api-service-dev\"",
        "  name               = \"sg-api\"",
        "must not begin with \"sg-\"",
    ),
    case(
        "service-vpc-format",
        Service,
        "a VPC id that is not one",
        "  vpc_id             = data.privatelink_network.n.vpc_id",
        "  vpc_id             = \"vpc123\"",
        "vpc_id must be a VPC id",
    ),
    case(
        "service-subnet-format",
        Service,
        "a subnet id that is not one",
        "  subnet_ids         = data.privatelink_network.n.subnet_ids",
        "  subnet_ids         = [\"subnet-1\", \"{subnet_b}\"]",
        "subnet_ids must be a subnet id",
    ),
    case(
        "service-subnets-two-vpcs",
        Service,
        "subnets from two VPCs",
        "  subnet_ids         = data.privatelink_network.n.subnet_ids",
        "  subnet_ids         = [\"{subnet_a}\", \"{other_subnet}\"]",
        "Subnet not in VPC",
    ),
    case(
        "service-subnets-one-zone",
        Service,
        "two subnets in one zone",
        "  subnet_ids         = data.privatelink_network.n.subnet_ids",
        "  subnet_ids         = [\"{subnet_a}\", \"{subnet_a2}\"]",
        "Two subnets in one availability zone",
    ),
    case(
        "service-execution-role",
        Service,
        "an execution role ARN of another kind",
        "  execution_role_arn = \"arn:aws:iam::123456789012:role/api-execution\"",
        "  execution_role_arn = \"arn:aws:iam::123456789012:user/api\"",
        "execution_role_arn must be an IAM role ARN",
    ),
    case(
        "service-task-role",
        Service,
        "a task role that is not an ARN",
        SERVICE_ANCHOR,
        "  task_role_arn = \"api-task\"",
        "task_role_arn must be an IAM role ARN",
    ),
    case(
        "service-cluster-format",
        Service,
        "a cluster name where an ARN belongs",
        SERVICE_ANCHOR,
        "  cluster_arn = \"shared\"",
        "must be an ECS cluster ARN",
    ),
    case(
        "service-cluster-missing",
        Service,
        "a cluster that does not exist",
        SERVICE_ANCHOR,
        "  cluster_arn = \"arn:aws:ecs:us-east-1:123456789012:cluster/missing\"",
        "Cluster not found",
    ),
    case(
        "service-port-high",
        Service,
        "a container port above 65535",
        CONTAINER_ANCHOR,
        "    port  = 70000",
        "container.port must be a whole number between 1 and 65535",
    ),
    case(
        "service-port-zero",
        Service,
        "container port 0",
        CONTAINER_ANCHOR,
        "    port  = 0",
        "container.port must be a whole number between 1 and 65535",
    ),
    case(
        "service-cpu",
        Service,
        "a CPU size Fargate does not have",
        CONTAINER_ANCHOR,
        "    cpu   = 300\n    port  = 8080",
        "is not a Fargate size",
    ),
    case(
        "service-memory",
        Service,
        "memory that does not fit the CPU",
        CONTAINER_ANCHOR,
        "    memory = 4096\n    port  = 8080",
        "does not fit cpu 256 on Fargate",
    ),
    case(
        "service-image-empty",
        Service,
        "an empty image",
        "    image = \"registry.example.com/api:1.0.0\"",
        "    image = \"\"",
        "container.image must be 1 to 255",
    ),
    case(
        "service-image-spaces",
        Service,
        "an image reference with spaces",
        "    image = \"registry.example.com/api:1.0.0\"",
        "    image = \"my api image\"",
        "an image reference ECS accepts",
    ),
    case(
        "service-secret-arn",
        Service,
        "a secret that is not an ARN",
        CONTAINER_ANCHOR,
        "    secrets = { DB_PASSWORD = \"db-password\" }\n    port  = 8080",
        "must be a Secrets Manager or SSM parameter ARN",
    ),
    case(
        "service-env-name",
        Service,
        "an empty environment variable name",
        CONTAINER_ANCHOR,
        "    environment = { \"\" = \"x\" }\n    port  = 8080",
        "keys must be non-empty names",
    ),
    case(
        "service-desired-count",
        Service,
        "a negative desired count",
        SERVICE_ANCHOR,
        "  desired_count = -1",
        "desired_count must be a whole number between 0 and 5000",
    ),
    case(
        "service-listener-port",
        Service,
        "listener port 0",
        SERVICE_ANCHOR,
        "  listener_port = 0",
        "listener_port must be a whole number between 1 and 65535",
    ),
    case(
        "service-health-path",
        Service,
        "a health check path without `/`",
        SERVICE_ANCHOR,
        "  health_check = { path = \"health\" }",
        "must be a path starting with \"/\"",
    ),
    case(
        "service-health-port",
        Service,
        "a health check port that is not a port",
        SERVICE_ANCHOR,
        "  health_check = { port = \"http\" }",
        "must be \"traffic-port\" or a port number",
    ),
    case(
        "service-health-matcher",
        Service,
        "a health check matcher that is not HTTP codes",
        SERVICE_ANCHOR,
        "  health_check = { matcher = \"ok\" }",
        "must be HTTP codes",
    ),
    case(
        "service-health-timeout",
        Service,
        "a health check timeout not below the interval",
        SERVICE_ANCHOR,
        "  health_check = { interval_seconds = 10, timeout_seconds = 10 }",
        "must be below health_check.interval_seconds",
    ),
    case(
        "service-deregistration",
        Service,
        "a deregistration delay over an hour",
        SERVICE_ANCHOR,
        "  deregistration_delay = 4000",
        "deregistration_delay must be a whole number between 0 and 3600",
    ),
    case(
        "service-max-percent",
        Service,
        "a deployment maximum below 100 %",
        SERVICE_ANCHOR,
        "  deployment_maximum_percent = 50",
        "deployment_maximum_percent must be a whole number between 100 and 400",
    ),
    case(
        "service-cidr-host-bits",
        Service,
        "a CIDR block with host bits",
        SERVICE_ANCHOR,
        "  ingress_cidr_blocks = [\"10.0.0.1/16\"]",
        "with no host bits set",
    ),
    case(
        "service-cidr-garbage",
        Service,
        "a CIDR block that is not one",
        SERVICE_ANCHOR,
        "  ingress_cidr_blocks = [\"ten-slash-eight\"]",
        "ingress_cidr_blocks must be an IPv4 CIDR block",
    ),
    case(
        "service-ingress-sg",
        Service,
        "a security group id that is not one",
        SERVICE_ANCHOR,
        "  ingress_security_group_ids = [\"web\"]",
        "must be a security group id",
    ),
    case(
        "service-log-retention",
        Service,
        "a log retention CloudWatch Logs does not offer",
        SERVICE_ANCHOR,
        "  log_retention_days = 8",
        "log_retention_days must be one of",
    ),
    case(
        "service-principal-group",
        Service,
        "a group as allowed principal",
        SERVICE_ANCHOR,
        "  allowed_principals = [\"arn:aws:iam::222222222222:group/admins\"]",
        "must be an account root, IAM role or IAM user ARN",
    ),
    case(
        "service-principal-account",
        Service,
        "an account id as allowed principal",
        SERVICE_ANCHOR,
        "  allowed_principals = [\"222222222222\"]",
        "must be an account root, IAM role or IAM user ARN",
    ),
    case(
        "service-tag-aws",
        Service,
        "a tag in the reserved `aws:` namespace",
        SERVICE_ANCHOR,
        "  tags = { \"AWS:team\" = \"x\" }",
        "Key \"AWS:team\" of tags is invalid",
    ),
    case(
        "service-private-dns",
        Service,
        "a private DNS name that is not a domain",
        SERVICE_ANCHOR,
        "  private_dns_name = \"not a domain\"",
        "private_dns_name must be a DNS name",
    ),
    case(
        "service-timeout",
        Service,
        "a timeout that is not a duration",
        SERVICE_ANCHOR,
        "  timeouts {\n    create = \"5 minutes\"\n  }",
        "timeouts.create must be a duration",
    ),
    case(
        "service-revisions-kept",
        Service,
        "no task definition revision kept",
        SERVICE_ANCHOR,
        "  task_definition_revisions_kept = 0",
        "task_definition_revisions_kept must be a whole number between 2 and 100",
    ),
    // privatelink_consumer.
    case(
        "consumer-name-long",
        Consumer,
        "a name over 64 characters",
        "  name         = \"orders-api\"",
        "  name         = \"orders-api-consumer-for-the-api-service-of-the-payments-team-eu-1\"",
        "name must be 1 to 64 letters",
    ),
    case(
        "consumer-service-id",
        Consumer,
        "a service id where the service name belongs",
        "  service_name = \"com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0\"",
        "  service_name = \"vpce-svc-0123456789abcdef0\"",
        "Endpoint service id instead of name",
    ),
    case(
        "consumer-service-missing",
        Consumer,
        "a service that does not exist or does not allow this account",
        "  service_name = \"com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0\"",
        "  service_name = \"com.amazonaws.vpce.us-east-1.vpce-svc-0123456789abcdef0\"",
        "Endpoint service not available to this account",
    ),
    case(
        "consumer-port",
        Consumer,
        "port 0",
        CONSUMER_ANCHOR,
        "  port         = 0",
        "port must be a whole number between 1 and 65535",
    ),
    case(
        "consumer-cidr",
        Consumer,
        "a CIDR block with a prefix over 32",
        CONSUMER_ANCHOR,
        "  allowed_cidr_blocks = [\"10.0.0.0/33\"]\n  port         = 8080",
        "allowed_cidr_blocks must be an IPv4 CIDR block",
    ),
    case(
        "consumer-acceptance-role",
        Consumer,
        "an acceptance role that is not a role ARN",
        CONSUMER_ANCHOR,
        "  acceptance {\n    role_arn = \"accept-endpoints\"\n  }\n  port         = 8080",
        "acceptance[0].role_arn must be an IAM role ARN",
    ),
    case(
        "consumer-timeout",
        Consumer,
        "a timeout that is not a duration",
        CONSUMER_ANCHOR,
        "  timeouts {\n    delete = \"forever\"\n  }\n  port         = 8080",
        "timeouts.delete must be a duration",
    ),
    // privatelink_connection_accepter.
    case(
        "accepter-service-id",
        Accepter,
        "an endpoint id where the service id belongs",
        "  endpoint_service_id = \"vpce-svc-0123456789abcdef0\"",
        "  endpoint_service_id = \"vpce-0123456789abcdef0\"",
        "must be an endpoint service id",
    ),
    case(
        "accepter-endpoint-id",
        Accepter,
        "a service id where the endpoint id belongs",
        "  endpoint_id         = \"vpce-0123456789abcdef0\"",
        "  endpoint_id         = \"vpce-svc-0123456789abcdef0\"",
        "must be a VPC endpoint id",
    ),
];
