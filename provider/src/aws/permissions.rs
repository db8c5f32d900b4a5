//! The IAM permissions the provider needs, from the AWS calls it makes:
//! every file that calls AWS lists its actions in an `IAM_ACTIONS` const
//! (a test below reads each file and fails when a call is missing), each
//! resource and data source names the files it uses, and the policies in
//! `docs/iam-policies.md` are built from those lists.

use std::collections::BTreeSet;

use serde_json::{Value, json};

use super::{ec2, ecs, elbv2, identity, logs};

/// The IAM actions of one group of AWS calls.
pub type Actions = &'static [&'static str];

/// A permission AWS checks that is not an API call of its own, so no call
/// log shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ImpliedPermission {
    pub action: &'static str,
    /// Where to grant it, for the docs.
    pub resource: &'static str,
    /// Why AWS checks it, for the docs.
    pub why: &'static str,
    /// A `StringEquals` condition key and its values, narrowing the grant.
    pub condition: Option<(&'static str, &'static [&'static str])>,
}

/// Every provider configuration: the credential check (AWS lets everyone
/// call GetCallerIdentity; listed so that a policy written as an allow list
/// is complete).
pub const PROVIDER: &[Actions] = &[identity::IAM_ACTIONS];

/// `privatelink_network`.
pub const NETWORK_DATA_SOURCE: &[Actions] = &[ec2::network::ec2::IAM_ACTIONS];

/// `privatelink_service`.
pub const SERVICE: &[Actions] = &[
    ec2::network::ec2::IAM_ACTIONS,
    ec2::security_groups::IAM_ACTIONS,
    ec2::tags::IAM_ACTIONS,
    ec2::endpoint_services::IAM_ACTIONS,
    ec2::network_interfaces::IAM_ACTIONS,
    elbv2::load_balancers::IAM_ACTIONS,
    elbv2::target_groups::IAM_ACTIONS,
    elbv2::listeners::IAM_ACTIONS,
    elbv2::tags::IAM_ACTIONS,
    ecs::clusters::IAM_ACTIONS,
    ecs::task_definitions::IAM_ACTIONS,
    ecs::services::IAM_ACTIONS,
    ecs::tags::IAM_ACTIONS,
    logs::IAM_ACTIONS,
];

/// `privatelink_service`'s permissions that no call shows.
pub const SERVICE_IMPLIED: &[ImpliedPermission] = &[
    ImpliedPermission {
        action: "iam:PassRole",
        resource: "the `execution_role_arn` and `task_role_arn` roles (condition `iam:PassedToService = ecs-tasks.amazonaws.com`)",
        why: "RegisterTaskDefinition hands the task and execution roles to ECS",
        condition: Some(("iam:PassedToService", &["ecs-tasks.amazonaws.com"])),
    },
    ImpliedPermission {
        action: "iam:CreateServiceLinkedRole",
        resource: "`arn:aws:iam::*:role/aws-service-role/ecs.amazonaws.com/*` and `.../elasticloadbalancing.amazonaws.com/*` (condition `iam:AWSServiceName`)",
        why: "the first ECS cluster or load balancer of an account creates AWS's service-linked role; not needed once it exists",
        condition: Some((
            "iam:AWSServiceName",
            &["ecs.amazonaws.com", "elasticloadbalancing.amazonaws.com"],
        )),
    },
];

/// `privatelink_consumer`.
pub const CONSUMER: &[Actions] = &[
    ec2::network::ec2::IAM_ACTIONS,
    ec2::security_groups::IAM_ACTIONS,
    ec2::tags::IAM_ACTIONS,
    ec2::vpc_endpoints::IAM_ACTIONS,
    ec2::endpoint_service_details::IAM_ACTIONS,
];

/// `privatelink_consumer` with an `acceptance` block: in the consumer's
/// account, assuming the owner's role.
pub const CONSUMER_ACCEPTANCE_IMPLIED: &[ImpliedPermission] = &[ImpliedPermission {
    action: "sts:AssumeRole",
    resource: "`acceptance.role_arn`",
    why: "the consumer accepts its connection as the service owner",
    condition: None,
}];

/// The role in the service owner's account that a consumer's `acceptance`
/// block assumes.
pub const ACCEPTANCE_ROLE: &[Actions] = &[
    identity::IAM_ACTIONS,
    ec2::endpoint_connections::IAM_ACTIONS,
];

/// `privatelink_connection_accepter`: finds and accepts its connection,
/// and rejects it on destroy (the one call of [`ec2::EndpointServices`] it
/// makes).
pub const CONNECTION_ACCEPTER: &[Actions] = &[
    ec2::endpoint_connections::IAM_ACTIONS,
    &["ec2:RejectVpcEndpointConnections"],
];

/// One account's policy: who runs what there.
pub struct AccountPolicy {
    /// Anchor and file-name friendly name.
    pub name: &'static str,
    /// What runs with it, for the docs.
    pub title: &'static str,
    pub actions: &'static [&'static [Actions]],
    pub implied: &'static [&'static [ImpliedPermission]],
}

/// The policies published in `docs/iam-policies.md`.
pub const ACCOUNT_POLICIES: &[AccountPolicy] = &[
    AccountPolicy {
        name: "service-owner",
        title: "The service owner's account: `privatelink_service`, `privatelink_connection_accepter` and `privatelink_network`",
        actions: &[PROVIDER, NETWORK_DATA_SOURCE, SERVICE, CONNECTION_ACCEPTER],
        implied: &[SERVICE_IMPLIED],
    },
    AccountPolicy {
        name: "consumer",
        title: "A consumer account: `privatelink_consumer` and `privatelink_network`",
        actions: &[PROVIDER, NETWORK_DATA_SOURCE, CONSUMER],
        implied: &[CONSUMER_ACCEPTANCE_IMPLIED],
    },
    AccountPolicy {
        name: "acceptance-role",
        title: "The role in the service owner's account that a consumer's `acceptance` block assumes",
        actions: &[ACCEPTANCE_ROLE],
        implied: &[],
    },
];

/// The distinct actions of `groups`, sorted.
pub fn actions_of(groups: &[Actions]) -> BTreeSet<&'static str> {
    groups.iter().flat_map(|g| g.iter().copied()).collect()
}

impl AccountPolicy {
    /// Every action of the policy (calls and implied permissions).
    pub fn all_actions(&self) -> BTreeSet<&'static str> {
        let mut all: BTreeSet<&str> = self.actions.iter().flat_map(|g| actions_of(g)).collect();
        all.extend(self.implied.iter().flat_map(|i| i.iter().map(|p| p.action)));
        all
    }

    /// The actions its calls need (without implied permissions).
    pub fn call_actions(&self) -> BTreeSet<&'static str> {
        self.actions.iter().flat_map(|g| actions_of(g)).collect()
    }

    /// The IAM policy document: the calls' actions on every resource (most
    /// of them take no resource ARN: Describe* and Create* of new objects),
    /// each implied permission in a statement of its own to be narrowed to
    /// the resources the docs name.
    pub fn document(&self) -> Value {
        let mut statements = vec![json!({
            "Sid": "PrivatelinkProviderCalls",
            "Effect": "Allow",
            "Action": self.call_actions().into_iter().collect::<Vec<_>>(),
            "Resource": "*",
        })];
        for (i, implied) in self.implied.iter().flat_map(|g| g.iter()).enumerate() {
            let mut statement = json!({
                "Sid": format!("Implied{}", i + 1),
                "Effect": "Allow",
                "Action": implied.action,
                "Resource": "*",
            });
            if let Some((key, values)) = implied.condition {
                statement["Condition"] = json!({ "StringEquals": { key: values } });
            }
            statements.push(statement);
        }
        json!({ "Version": "2012-10-17", "Statement": statements })
    }
}

/// The IAM action of an SDK operation called as `.operation_name()` on a
/// client of `service` (the IAM service prefix).
pub fn action_of_operation(service: &str, operation: &str) -> String {
    let camel: String = operation
        .split('_')
        .map(|w| {
            let mut c = w.chars();
            c.next()
                .map(|f| f.to_ascii_uppercase().to_string() + c.as_str())
                .unwrap_or_default()
        })
        .collect();
    format!("{service}:{camel}")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every file that calls AWS, its IAM service prefix and its list.
    const CALLERS: &[(&str, &str, Actions)] = &[
        (
            "ec2/endpoint_connections.rs",
            "ec2",
            ec2::endpoint_connections::IAM_ACTIONS,
        ),
        (
            "ec2/endpoint_service_details.rs",
            "ec2",
            ec2::endpoint_service_details::IAM_ACTIONS,
        ),
        (
            "ec2/endpoint_services.rs",
            "ec2",
            ec2::endpoint_services::IAM_ACTIONS,
        ),
        ("ec2/network/ec2.rs", "ec2", ec2::network::ec2::IAM_ACTIONS),
        (
            "ec2/network_interfaces.rs",
            "ec2",
            ec2::network_interfaces::IAM_ACTIONS,
        ),
        (
            "ec2/security_groups.rs",
            "ec2",
            ec2::security_groups::IAM_ACTIONS,
        ),
        ("ec2/tags.rs", "ec2", ec2::tags::IAM_ACTIONS),
        (
            "ec2/vpc_endpoints.rs",
            "ec2",
            ec2::vpc_endpoints::IAM_ACTIONS,
        ),
        ("ecs/clusters.rs", "ecs", ecs::clusters::IAM_ACTIONS),
        ("ecs/services.rs", "ecs", ecs::services::IAM_ACTIONS),
        ("ecs/tags.rs", "ecs", ecs::tags::IAM_ACTIONS),
        (
            "ecs/task_definitions.rs",
            "ecs",
            ecs::task_definitions::IAM_ACTIONS,
        ),
        (
            "elbv2/listeners.rs",
            "elasticloadbalancing",
            elbv2::listeners::IAM_ACTIONS,
        ),
        (
            "elbv2/load_balancers.rs",
            "elasticloadbalancing",
            elbv2::load_balancers::IAM_ACTIONS,
        ),
        (
            "elbv2/tags.rs",
            "elasticloadbalancing",
            elbv2::tags::IAM_ACTIONS,
        ),
        (
            "elbv2/target_groups.rs",
            "elasticloadbalancing",
            elbv2::target_groups::IAM_ACTIONS,
        ),
        ("identity.rs", "sts", identity::IAM_ACTIONS),
        ("logs.rs", "logs", logs::IAM_ACTIONS),
    ];

    /// Methods called with no arguments that are not operations.
    const NOT_OPERATIONS: &[&str] = &["tag_descriptions"];

    fn aws_dir() -> std::path::PathBuf {
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/aws")
    }

    /// The operations a source file calls: `.verb_object()` with a verb
    /// AWS uses, outside its tests.
    fn operations_in(source: &str) -> BTreeSet<String> {
        const VERBS: &[&str] = &[
            "describe",
            "create",
            "delete",
            "modify",
            "register",
            "deregister",
            "update",
            "put",
            "tag",
            "untag",
            "list",
            "get",
            "authorize",
            "revoke",
            "accept",
            "reject",
            "add",
            "remove",
        ];
        let code = source.split("#[cfg(test)]").next().unwrap_or(source);
        let mut found = BTreeSet::new();
        for (start, _) in code.match_indices('.') {
            let rest = &code[start + 1..];
            let name: String = rest
                .chars()
                .take_while(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '_')
                .collect();
            let called = rest[name.len()..].starts_with("()");
            let verb = name.split('_').next().unwrap_or_default();
            if called
                && name.contains('_')
                && VERBS.contains(&verb)
                && !NOT_OPERATIONS.contains(&name.as_str())
            {
                found.insert(name);
            }
        }
        found
    }

    #[test]
    fn every_aws_call_in_a_file_is_in_its_iam_actions_and_nothing_else() {
        for (file, service, listed) in CALLERS {
            let source = std::fs::read_to_string(aws_dir().join(file)).unwrap();
            let called: BTreeSet<String> = operations_in(&source)
                .iter()
                .map(|op| action_of_operation(service, op))
                .collect();
            let listed: BTreeSet<String> = listed.iter().map(|a| a.to_string()).collect();
            assert_eq!(
                called, listed,
                "{file}: its calls and its IAM_ACTIONS differ"
            );
        }
    }

    #[test]
    fn every_file_that_calls_aws_is_checked() {
        let checked: BTreeSet<&str> = CALLERS.iter().map(|(f, _, _)| *f).collect();
        let mut stack = vec![aws_dir()];
        while let Some(dir) = stack.pop() {
            for entry in std::fs::read_dir(&dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    if !path.ends_with("fake") {
                        stack.push(path);
                    }
                    continue;
                }
                let source = std::fs::read_to_string(&path).unwrap();
                let relative = path
                    .strip_prefix(aws_dir())
                    .unwrap()
                    .to_string_lossy()
                    .to_string();
                if !operations_in(&source).is_empty() {
                    assert!(
                        checked.contains(relative.as_str()),
                        "{relative} calls AWS but is not in CALLERS"
                    );
                }
            }
        }
    }

    #[test]
    fn operations_are_found_in_call_chains_only() {
        let source = "let x = self.ec2\n    .describe_vpcs()\n    .set_filters(Some(f))\n    .send();\nlet t = out.tag_descriptions();\n#[cfg(test)]\nmod tests { fn f() { c.delete_vpc(); } }";
        assert_eq!(
            operations_in(source),
            BTreeSet::from(["describe_vpcs".to_string()])
        );
        assert_eq!(
            action_of_operation("ec2", "delete_vpc_endpoint_service_configurations"),
            "ec2:DeleteVpcEndpointServiceConfigurations"
        );
    }

    #[test]
    fn the_owner_policy_covers_service_accepter_and_network_and_the_role_only_acceptance() {
        let owner = &ACCOUNT_POLICIES[0];
        for action in actions_of(SERVICE)
            .iter()
            .chain(&actions_of(CONNECTION_ACCEPTER))
        {
            assert!(owner.call_actions().contains(action), "{action}");
        }
        assert!(owner.all_actions().contains("iam:PassRole"));
        let role = &ACCOUNT_POLICIES[2];
        assert_eq!(
            role.all_actions(),
            BTreeSet::from([
                "ec2:AcceptVpcEndpointConnections",
                "ec2:DescribeVpcEndpointConnections",
                "sts:GetCallerIdentity"
            ])
        );
        let consumer = &ACCOUNT_POLICIES[1];
        assert!(
            !consumer
                .all_actions()
                .iter()
                .any(|a| a.starts_with("ecs:") || a.starts_with("elasticloadbalancing:"))
        );
    }

    #[test]
    fn the_accepter_needs_only_its_connection_calls() {
        assert_eq!(
            actions_of(CONNECTION_ACCEPTER),
            BTreeSet::from([
                "ec2:AcceptVpcEndpointConnections",
                "ec2:DescribeVpcEndpointConnections",
                "ec2:RejectVpcEndpointConnections"
            ])
        );
        assert!(ec2::endpoint_services::IAM_ACTIONS.contains(&"ec2:RejectVpcEndpointConnections"));
    }

    #[test]
    fn a_document_lists_each_action_once_and_implied_ones_apart() {
        let doc = ACCOUNT_POLICIES[0].document();
        let calls = doc["Statement"][0]["Action"].as_array().unwrap();
        let unique: BTreeSet<_> = calls.iter().map(|a| a.as_str().unwrap()).collect();
        assert_eq!(unique.len(), calls.len());
        assert_eq!(doc["Statement"][1]["Action"], "iam:PassRole");
        assert_eq!(
            doc["Statement"][1]["Condition"]["StringEquals"]["iam:PassedToService"][0],
            "ecs-tasks.amazonaws.com"
        );
        assert_eq!(doc["Version"], "2012-10-17");
    }
}
