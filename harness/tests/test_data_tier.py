"""ElastiCache replication groups' member clusters and AWS Backup
selections, as hashicorp/aws uses them for the provider accounts' data tier."""

import unittest

from botocore.exceptions import ClientError

from .support import LocalAwsTest


class ReplicationGroupTest(LocalAwsTest):
    def group(self, clusters, security_groups=()):
        return self.client("elasticache").create_replication_group(
            SecurityGroupIds=list(security_groups),
            ReplicationGroupId="orders-dev", ReplicationGroupDescription="test",
            Engine="redis", CacheNodeType="cache.t3.micro", NumCacheClusters=clusters,
            Port=6379, TransitEncryptionEnabled=True, AtRestEncryptionEnabled=True,
        )["ReplicationGroup"]

    def test_every_member_is_a_cache_cluster_of_the_group(self):
        members = self.group(2, ["sg-0123456789abcdef0"])["MemberClusters"]
        self.assertEqual(len(members), 2)
        elasticache = self.client("elasticache")
        for member in members:
            cluster = elasticache.describe_cache_clusters(CacheClusterId=member)["CacheClusters"][0]
            self.assertEqual(cluster["ReplicationGroupId"], "orders-dev")
            self.assertEqual(cluster["CacheNodeType"], "cache.t3.micro")
            self.assertEqual(cluster["CacheClusterStatus"], "available")
            self.assertTrue(cluster["AtRestEncryptionEnabled"])
            self.assertTrue(cluster["TransitEncryptionEnabled"])
            self.assertEqual(cluster["SecurityGroups"],
                             [{"SecurityGroupId": "sg-0123456789abcdef0", "Status": "active"}])

    def test_a_deleted_group_and_its_members_are_gone(self):
        member = self.group(1)["MemberClusters"][0]
        elasticache = self.client("elasticache")
        answer = elasticache.delete_replication_group(ReplicationGroupId="orders-dev")
        self.assertEqual(answer["ReplicationGroup"]["Status"], "deleting")
        with self.assertRaises(ClientError) as caught:
            elasticache.describe_replication_groups(ReplicationGroupId="orders-dev")
        self.assertEqual(caught.exception.response["Error"]["Code"], "ReplicationGroupNotFoundFault")
        with self.assertRaises(ClientError) as caught:
            elasticache.describe_cache_clusters(CacheClusterId=member)
        self.assertEqual(caught.exception.response["Error"]["Code"], "CacheClusterNotFound")


class CacheSubnetGroupTest(LocalAwsTest):
    def test_a_subnet_group_is_deleted_once_no_cluster_uses_it(self):
        _, subnets = self.network()
        elasticache = self.client("elasticache")
        elasticache.create_cache_subnet_group(
            CacheSubnetGroupName="orders-dev-redis", CacheSubnetGroupDescription="test", SubnetIds=subnets)
        elasticache.create_replication_group(
            ReplicationGroupId="orders-dev", ReplicationGroupDescription="test", Engine="redis",
            CacheNodeType="cache.t3.micro", NumCacheClusters=1, CacheSubnetGroupName="orders-dev-redis")
        with self.assertRaises(ClientError) as caught:
            elasticache.delete_cache_subnet_group(CacheSubnetGroupName="orders-dev-redis")
        self.assertEqual(caught.exception.response["Error"]["Code"], "CacheSubnetGroupInUse")
        elasticache.delete_replication_group(ReplicationGroupId="orders-dev")
        elasticache.delete_cache_subnet_group(CacheSubnetGroupName="orders-dev-redis")
        with self.assertRaises(ClientError) as caught:
            elasticache.describe_cache_subnet_groups(CacheSubnetGroupName="orders-dev-redis")
        self.assertEqual(caught.exception.response["Error"]["Code"], "CacheSubnetGroupNotFoundFault")
        with self.assertRaises(ClientError) as caught:
            elasticache.delete_cache_subnet_group(CacheSubnetGroupName="orders-dev-redis")
        self.assertEqual(caught.exception.response["Error"]["Code"], "CacheSubnetGroupNotFoundFault")


class BackupSelectionTest(LocalAwsTest):
    def plan(self):
        return self.client("backup").create_backup_plan(BackupPlan={
            "BackupPlanName": "orders-dev",
            "Rules": [{"RuleName": "daily", "TargetBackupVaultName": "orders-dev",
                       "ScheduleExpression": "cron(0 2 * * ? *)", "Lifecycle": {"DeleteAfterDays": 30}}],
        })["BackupPlanId"]

    def select(self, backup, plan_id):
        return backup.create_backup_selection(BackupPlanId=plan_id, BackupSelection={
            "SelectionName": "orders-dev",
            "IamRoleArn": "arn:aws:iam::111111111111:role/orders-dev-backup",
            "ListOfTags": [{"ConditionType": "STRINGEQUALS", "ConditionKey": "Backup",
                            "ConditionValue": "orders-dev"}],
        })

    def test_a_selection_is_kept_as_given_and_deleted(self):
        backup = self.client("backup")
        plan_id = self.plan()
        created = self.select(backup, plan_id)
        self.assertEqual(created["BackupPlanId"], plan_id)
        got = backup.get_backup_selection(BackupPlanId=plan_id, SelectionId=created["SelectionId"])
        self.assertEqual(got["BackupSelection"]["SelectionName"], "orders-dev")
        self.assertEqual(got["BackupSelection"]["ListOfTags"][0]["ConditionValue"], "orders-dev")
        listed = backup.list_backup_selections(BackupPlanId=plan_id)["BackupSelectionsList"]
        self.assertEqual([s["SelectionId"] for s in listed], [created["SelectionId"]])
        backup.delete_backup_selection(BackupPlanId=plan_id, SelectionId=created["SelectionId"])
        with self.assertRaises(ClientError) as caught:
            backup.get_backup_selection(BackupPlanId=plan_id, SelectionId=created["SelectionId"])
        self.assertEqual(caught.exception.response["Error"]["Code"], "ResourceNotFoundException")

    def test_a_plan_with_selections_cannot_be_deleted(self):
        backup = self.client("backup")
        plan_id = self.plan()
        created = self.select(backup, plan_id)
        with self.assertRaises(ClientError) as caught:
            backup.delete_backup_plan(BackupPlanId=plan_id)
        self.assertEqual(caught.exception.response["Error"]["Code"], "InvalidRequestException")
        backup.delete_backup_selection(BackupPlanId=plan_id, SelectionId=created["SelectionId"])
        backup.delete_backup_plan(BackupPlanId=plan_id)

    def test_a_plans_tags_are_listed(self):
        backup = self.client("backup")
        created = backup.create_backup_plan(
            BackupPlan={"BackupPlanName": "orders-dev", "Rules": [
                {"RuleName": "daily", "TargetBackupVaultName": "orders-dev"}]},
            BackupPlanTags={"Environment": "dev"})
        tags = backup.list_tags(ResourceArn=created["BackupPlanArn"])["Tags"]
        self.assertEqual(tags, {"Environment": "dev"})

    def test_a_vault_has_no_recovery_points(self):
        backup = self.client("backup")
        backup.create_backup_vault(BackupVaultName="orders-dev")
        points = backup.list_recovery_points_by_backup_vault(BackupVaultName="orders-dev")
        self.assertEqual(points["RecoveryPoints"], [])
        with self.assertRaises(ClientError) as caught:
            backup.list_recovery_points_by_backup_vault(BackupVaultName="nope")
        self.assertEqual(caught.exception.response["Error"]["Code"], "ResourceNotFoundException")

    def test_a_selection_of_an_unknown_plan_is_refused(self):
        with self.assertRaises(ClientError) as caught:
            self.select(self.client("backup"), "00000000-0000-0000-0000-000000000000")
        self.assertEqual(caught.exception.response["Error"]["Code"], "ResourceNotFoundException")


class AuroraTest(LocalAwsTest):
    def cluster(self):
        rds = self.client("rds")
        rds.create_db_cluster(
            DBClusterIdentifier="orders-dev", Engine="aurora-postgresql", EngineVersion="15.10",
            MasterUsername="postgres", ManageMasterUserPassword=True)
        return rds

    def test_a_provisioned_cluster_has_no_scaling_configuration(self):
        cluster = self.cluster().describe_db_clusters(DBClusterIdentifier="orders-dev")["DBClusters"][0]
        self.assertNotIn("ScalingConfigurationInfo", cluster)
        self.assertIn("SecretArn", cluster["MasterUserSecret"])

    def test_an_instance_keeps_performance_insights_and_monitoring(self):
        rds = self.cluster()
        rds.create_db_instance(
            DBInstanceIdentifier="orders-dev-1", DBClusterIdentifier="orders-dev",
            DBInstanceClass="db.t3.medium", Engine="aurora-postgresql",
            EnablePerformanceInsights=True, PerformanceInsightsKMSKeyId="arn:aws:kms:us-east-1:111111111111:key/k",
            PerformanceInsightsRetentionPeriod=7, MonitoringInterval=60,
            MonitoringRoleArn="arn:aws:iam::111111111111:role/monitoring")
        instance = rds.describe_db_instances(DBInstanceIdentifier="orders-dev-1")["DBInstances"][0]
        self.assertTrue(instance["PerformanceInsightsEnabled"])
        self.assertEqual(instance["PerformanceInsightsKMSKeyId"], "arn:aws:kms:us-east-1:111111111111:key/k")
        self.assertEqual(instance["PerformanceInsightsRetentionPeriod"], 7)
        self.assertEqual(instance["MonitoringInterval"], 60)
        self.assertEqual(instance["MonitoringRoleArn"], "arn:aws:iam::111111111111:role/monitoring")


if __name__ == "__main__":
    unittest.main()
