"""The embedded AWS as the workload scripts see it (scripts/test-workloads,
scripts/demo --workloads), through boto3 clients of an account:

  workloads_aws.py pipeline-users              an IAM user in the networking and each workload
                                              account (prints each account's pipeline key)
  workloads_aws.py attachment <account id> <workload>   check the account's attachment
  workloads_aws.py routed <catalog>            check the dev attachments: accepted, associated
                                              and propagated by the networking account, and
                                              each workload VPC's routes to the others through them
  workloads_aws.py endpoints <account> <its endpoints output (JSON)> <catalog>
                                              print each consumer app's endpoints
  workloads_aws.py leftovers                   fail if a workload account keeps anything
  workloads_aws.py scaling                     check the provider's scalable targets
  workloads_aws.py data-tier <outputs> <file>  check the provider's data tier
  workloads_aws.py lift-protection <account id>  turn off the deletion protection of the
                                              account's Aurora clusters and DynamoDB tables,
                                              as an operator does before destroying prod

Run from the repository root with the embedded AWS's environment
(scripts/local-aws env).
"""

import json, sys, boto3

def aws(service, account):
    c = boto3.client("sts").assume_role(
        RoleArn=f"arn:aws:iam::{account}:role/terraform", RoleSessionName="workloads")["Credentials"]
    return boto3.client(service, aws_access_key_id=c["AccessKeyId"],
                        aws_secret_access_key=c["SecretAccessKey"], aws_session_token=c["SessionToken"])

def connectivity(name):
    """A dev parameter terraform-base-infra publishes (/dev/connectivity/<name>)."""
    return aws("ssm", networking).get_parameter(Name=f"/dev/connectivity/{name}")["Parameter"]["Value"]

action, *args = sys.argv[1:]
accounts = ["222222222222", "333333333333"]
networking = "111111111111"
if action == "pipeline-users":
    # In the networking account and each workload account an IAM user whose
    # key Terraform runs with, as a pipeline's identity in that account would
    # be. (The networking account itself is terraform-base-infra's, applied.)
    for account in [networking] + accounts:
        iam = aws("iam", account)
        iam.create_user(UserName="pipeline")
        key = iam.create_access_key(UserName="pipeline")["AccessKey"]
        print(account, key["AccessKeyId"], key["SecretAccessKey"])
elif action == "attachment":
    # The workload's attachment to the networking account's dev gateway:
    # tagged, waiting for terraform-base-infra to accept it, seen by the owner.
    account = args[0]
    tgw = connectivity("transit-gateway-id")
    mine = aws("ec2", account).describe_transit_gateway_vpc_attachments()["TransitGatewayVpcAttachments"]
    assert [(a["TransitGatewayId"], a["State"]) for a in mine] == [(tgw, "pendingAcceptance")], mine
    assert {"Key": "Workload", "Value": args[1]} in mine[0]["Tags"], mine[0]["Tags"]
    owners = aws("ec2", networking).describe_transit_gateway_vpc_attachments(
        Filters=[{"Name": "transit-gateway-id", "Values": [tgw]}])["TransitGatewayVpcAttachments"]
    assert mine[0]["TransitGatewayAttachmentId"] in [a["TransitGatewayAttachmentId"] for a in owners], owners
    print(f"{mine[0]['TransitGatewayAttachmentId']} to {tgw} (networking account): {mine[0]['State']}")
elif action == "routed":
    # After terraform-base-infra has accepted the dev attachments recorded in
    # the catalog: each is available, associated with and propagated into the
    # environment's route table, and each workload VPC routes the other
    # workload VPCs' CIDRs through the gateway.
    import tomllib
    catalog = tomllib.load(open(args[0], "rb"))
    cidrs = {a["id"]: a["vpc_cidrs"]["dev"] for a in catalog["accounts"] if "attachment_ids" in a}
    assert sorted(cidrs) == accounts, cidrs
    tgw = connectivity("transit-gateway-id")
    owner = aws("ec2", networking)
    table_id = connectivity("transit-gateway-route-table-id")
    associated = {a["TransitGatewayAttachmentId"] for a in owner.get_transit_gateway_route_table_associations(
        TransitGatewayRouteTableId=table_id)["Associations"]}
    propagated = {p["TransitGatewayAttachmentId"] for p in owner.get_transit_gateway_route_table_propagations(
        TransitGatewayRouteTableId=table_id)["TransitGatewayRouteTablePropagations"] if p["State"] == "enabled"}
    for account, cidr in cidrs.items():
        ec2 = aws("ec2", account)
        [attachment] = ec2.describe_transit_gateway_vpc_attachments()["TransitGatewayVpcAttachments"]
        attachment_id = attachment["TransitGatewayAttachmentId"]
        assert attachment["State"] == "available", attachment
        assert attachment_id in associated and attachment_id in propagated, (attachment_id, associated, propagated)
        others = sorted(c for a, c in cidrs.items() if a != account)
        tables = ec2.describe_route_tables(Filters=[{"Name": "vpc-id", "Values": [attachment["VpcId"]]}])["RouteTables"]
        through = sorted({r["DestinationCidrBlock"] for t in tables for r in t["Routes"]
                          if r.get("TransitGatewayId") == tgw})
        assert through == others, (account, through, others)
        print(f"{account}: {attachment_id} available, associated and propagated in {table_id}; "
              f"routes to {', '.join(through)} through {tgw}")
elif action == "endpoints":
    # Each consumer of the catalog in the account, with the endpoints it calls.
    import tomllib
    account, endpoints = args[0], json.loads(args[1])
    catalog = tomllib.load(open(args[2], "rb"))
    for consumer in catalog["consumers"]:
        if consumer["account"] != account:
            continue
        print(f"{consumer['name']} ({account}) calls:")
        for name in consumer["services"]:
            e = endpoints[name]
            print(f"  {name}: {e['dns_name']}:{e['port']} (connection {e['state']})")
elif action == "leftovers":
    for account in accounts:
        ec2 = aws("ec2", account)
        vpcs = [v["VpcId"] for v in ec2.describe_vpcs()["Vpcs"] if not v.get("IsDefault")]
        services = [s["ServiceId"] for s in ec2.describe_vpc_endpoint_service_configurations()["ServiceConfigurations"]]
        endpoints = [e["VpcEndpointId"] for e in ec2.describe_vpc_endpoints()["VpcEndpoints"]
                     if e["State"].lower() not in ("deleted", "deleting")]
        data = [c["DBClusterIdentifier"] for c in aws("rds", account).describe_db_clusters()["DBClusters"]]
        data += [i["DBInstanceIdentifier"] for i in aws("rds", account).describe_db_instances()["DBInstances"]]
        data += aws("dynamodb", account).list_tables()["TableNames"]
        data += [g["ReplicationGroupId"] for g in aws("elasticache", account).describe_replication_groups()["ReplicationGroups"]]
        data += [v["BackupVaultName"] for v in aws("backup", account).list_backup_vaults()["BackupVaultList"]]
        data += [p["BackupPlanId"] for p in aws("backup", account).list_backup_plans()["BackupPlansList"]]
        data += [s["Name"] for s in aws("secretsmanager", account).list_secrets()["SecretList"]]
        if vpcs or services or endpoints or data:
            sys.exit(f"{account} keeps {vpcs + services + endpoints + data}")
    # terraform-base-infra destroyed: no gateway, share, parameter or role of its.
    gateways = [g["TransitGatewayId"] for g in aws("ec2", networking).describe_transit_gateways()["TransitGateways"]
                if g["State"] not in ("deleted", "deleting")]
    shares = [r["name"] for r in aws("ram", networking).get_resource_shares(resourceOwner="SELF")["resourceShares"]
              if r["status"] not in ("DELETED", "DELETING")]
    parameters = [p["Name"] for p in aws("ssm", networking).describe_parameters()["Parameters"]]
    roles = [r["RoleName"] for r in aws("iam", networking).list_roles()["Roles"] if r["RoleName"].startswith("plink-")]
    if gateways or shares or parameters or roles:
        sys.exit(f"{networking} keeps {gateways + shares + parameters + roles}")
elif action == "scaling":
    # Each service's scalable target with the catalog's dev capacities, tagged.
    import tomllib
    catalog = tomllib.load(open("terraform-workloads/catalog.toml", "rb"))
    dev = next(e for e in catalog["environments"] if e["name"] == "dev")
    services = [s["name"] for s in catalog["services"] if s["account"] == "orders-provider"]
    scaling = aws("application-autoscaling", "222222222222")
    targets = {t["ResourceId"]: t for t in scaling.describe_scalable_targets(
        ServiceNamespace="ecs")["ScalableTargets"]}
    for name in services:
        target = targets[f"service/{name}-dev/{name}-dev"]
        assert (target["MinCapacity"], target["MaxCapacity"]) == (dev["min_capacity"], dev["max_capacity"]), target
        tags = scaling.list_tags_for_resource(ResourceARN=target["ScalableTargetARN"])["Tags"]
        assert tags.get("Environment") == "dev", tags
        policies = scaling.describe_scaling_policies(ServiceNamespace="ecs", ResourceId=target["ResourceId"])
        assert [p["PolicyName"] for p in policies["ScalingPolicies"]] == [f"{name}-dev-cpu"], policies
        print(f"{target['ResourceId']}: {target['MinCapacity']}..{target['MaxCapacity']} tasks, policy {name}-dev-cpu")
elif action == "data-tier":
    # The provider's data tier as AWS sees it, against the apply's outputs.
    out, taskdef = json.loads(args[0])["api-service"], open(args[1]).read()
    account = "222222222222"
    rds, ec2 = aws("rds", account), aws("ec2", account)
    cluster = rds.describe_db_clusters(DBClusterIdentifier="api-service-dev")["DBClusters"][0]
    assert cluster["Engine"] == "aurora-postgresql" and cluster["StorageEncrypted"], cluster
    assert cluster["IAMDatabaseAuthenticationEnabled"] and cluster["DeletionProtection"] is False, cluster
    assert cluster["EnabledCloudwatchLogsExports"] == ["postgresql"], cluster
    assert cluster["MasterUserSecret"]["SecretArn"] == out["postgres_secret_arn"], (cluster, out)
    table = aws("dynamodb", account).describe_table(TableName=out["dynamodb_table"])["Table"]
    assert table["BillingModeSummary"]["BillingMode"] == "PAY_PER_REQUEST", table
    assert [i["IndexName"] for i in table["GlobalSecondaryIndexes"]] == ["user-index"], table
    assert table["SSEDescription"]["SSEType"] == "KMS", table
    group = aws("elasticache", account).describe_replication_groups(
        ReplicationGroupId="api-service-dev")["ReplicationGroups"][0]
    assert group["AtRestEncryptionEnabled"] and group["TransitEncryptionEnabled"] and group["AuthTokenEnabled"], group
    assert group["NodeGroups"][0]["PrimaryEndpoint"]["Address"] == out["redis_endpoint"], (group, out)
    plan = aws("backup", account).list_backup_plans()["BackupPlansList"][0]
    selections = aws("backup", account).list_backup_selections(BackupPlanId=plan["BackupPlanId"])["BackupSelectionsList"]
    assert [s["SelectionName"] for s in selections] == ["api-service-dev"], selections
    # The databases admit the service's tasks only.
    tasks_sg = ec2.describe_security_groups(
        Filters=[{"Name": "group-name", "Values": ["api-service-dev-tasks"]}])["SecurityGroups"][0]["GroupId"]
    for name, port in [("api-service-dev-postgres", 5432), ("api-service-dev-redis", 6379)]:
        sg = ec2.describe_security_groups(Filters=[{"Name": "group-name", "Values": [name]}])["SecurityGroups"][0]
        rules = [(p["FromPort"], [g["GroupId"] for g in p["UserIdGroupPairs"]], p["IpRanges"]) for p in sg["IpPermissions"]]
        assert rules == [(port, [tasks_sg], [])], (name, rules)
    ssm = aws("ssm", account)
    names = sorted(p["Name"] for page in ssm.get_paginator("get_parameters_by_path").paginate(
        Path=out["parameter_path"]) for p in page["Parameters"])
    assert len(names) == 11 and ssm.get_parameter(Name=out["parameter_path"] + "dynamodb-table-name")[
        "Parameter"]["Value"] == out["dynamodb_table"], names
    for needle in ['DB_HOST', 'DYNAMODB_TABLE', 'REDIS_HOST', f'"{out["postgres_secret_arn"]}:password::"',
                   f'"{out["redis_auth_secret_arn"]}"']:
        assert needle in taskdef, (needle, "not in the task definition")
    print(f"cluster {cluster['DBClusterIdentifier']}, table {table['TableName']}, redis {group['ReplicationGroupId']}, "
          f"backup selection {selections[0]['SelectionName']}, {len(names)} SSM parameters")
elif action == "lift-protection":
    (account,) = args
    rds, dynamodb = aws("rds", account), aws("dynamodb", account)
    lifted = []
    for c in rds.describe_db_clusters()["DBClusters"]:
        if c.get("DeletionProtection"):
            rds.modify_db_cluster(DBClusterIdentifier=c["DBClusterIdentifier"],
                                  DeletionProtection=False, ApplyImmediately=True)
            lifted.append(c["DBClusterIdentifier"])
    for name in dynamodb.list_tables()["TableNames"]:
        if dynamodb.describe_table(TableName=name)["Table"].get("DeletionProtectionEnabled"):
            dynamodb.update_table(TableName=name, DeletionProtectionEnabled=False)
            lifted.append(name)
    if not lifted:
        sys.exit(f"{account}: nothing was protected")
    print("deletion protection lifted: " + ", ".join(lifted))
else:
    sys.exit(f"workloads_aws.py: unknown action {action!r}")
