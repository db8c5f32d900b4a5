"""Aurora clusters and instances described as AWS describes them.

* A provisioned cluster has no `ScalingConfigurationInfo` (moto answers an
  empty one for every cluster; AWS only for Aurora Serverless v1, engine
  mode `serverless`), which hashicorp/aws reads as a scaling configuration
  to remove on every plan.
* A DB instance keeps its Performance Insights (`PerformanceInsightsEnabled`,
  `PerformanceInsightsKMSKeyId`, `PerformanceInsightsRetentionPeriod`) and
  Enhanced Monitoring (`MonitoringInterval`, `MonitoringRoleArn`) settings,
  which moto drops, and describes them.
"""

from moto.rds.models import DBCluster, RDSBackend

_original_scaling = DBCluster.scaling_configuration_info
_original_create_instance = RDSBackend.create_db_instance

# Request parameter (moto's snake case) -> attribute the answer is read from.
KEPT_INSTANCE_SETTINGS = {
    "enable_performance_insights": "performance_insights_enabled",
    "performance_insights_kms_key_id": "performance_insights_kms_key_id",
    "performance_insights_retention_period": "performance_insights_retention_period",
    "monitoring_interval": "monitoring_interval",
    "monitoring_role_arn": "monitoring_role_arn",
}


def _scaling_configuration_info(self):
    if getattr(self, "engine_mode", None) != "serverless":
        return None
    return _original_scaling.fget(self)


def _create_db_instance(self, db_kwargs):
    database = _original_create_instance(self, db_kwargs)
    for parameter, attribute in KEPT_INSTANCE_SETTINGS.items():
        if db_kwargs.get(parameter) is not None:
            setattr(database, attribute, db_kwargs[parameter])
    return database


def install():
    DBCluster.scaling_configuration_info = property(_scaling_configuration_info)
    RDSBackend.create_db_instance = _create_db_instance
