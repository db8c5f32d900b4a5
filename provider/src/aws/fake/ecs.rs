//! ECS in memory: clusters, task definitions, services with deployments
//! and draining, and their tags.

use async_trait::async_trait;
use tokio::time::Instant;

use super::world::{ACCOUNT, DEPLOYMENT, DRAINING, EcsServiceRecord, REGION, Tagged, World};
use super::{FakeAws, api_error};
use crate::aws::ecs::{
    Cluster, Clusters, EcsService, EcsServiceSpec, EcsServiceUpdate, EcsServices, EcsTags,
    FailedRollout, TaskDefinition, TaskDefinitions,
};
use crate::aws::endpoints::AwsApi;
use crate::aws::errors::AwsError;
use crate::aws::tags::{Tags, diff, without_aws_managed};

const ECS: AwsApi = AwsApi::Ecs;

fn arn(kind: &str) -> String {
    format!("arn:aws:ecs:{REGION}:{ACCOUNT}:{kind}")
}

/// The cluster named or ARN'd by `cluster`, if active.
fn active_cluster<'a>(world: &'a World, cluster: &str) -> Option<&'a Cluster> {
    world
        .clusters
        .values()
        .map(|c| &c.object)
        .find(|c| (c.arn == cluster || c.name == cluster) && c.status == "ACTIVE")
}

fn cluster_not_found() -> AwsError {
    api_error(ECS, "ClusterNotFoundException", "Cluster not found.")
}

/// The service as DescribeServices shows it now.
fn view(record: &EcsServiceRecord) -> EcsService {
    let now = Instant::now();
    let mut s = record.service.clone();
    s.tags = without_aws_managed(record.tags.clone());
    match record.inactive_at {
        Some(t) if now >= t => s.status = "INACTIVE".into(),
        Some(_) => s.status = "DRAINING".into(),
        None => {}
    }
    let breaker = s.circuit_breaker.unwrap_or_default();
    if now < record.steady_at {
        s.deployments = 2;
        s.running_count = 0;
    } else if !record.deployment_fails {
        s.deployments = 1;
        s.running_count = s.desired_count;
    } else if !breaker.enable {
        // Tasks relaunched forever: the deployment never ends.
        s.deployments = 2;
        s.running_count = 0;
    } else {
        s.failed_rollouts = vec![FailedRollout {
            task_definition_arn: s.task_definition_arn.clone(),
            reason: CIRCUIT_BREAKER_REASON.into(),
        }];
        match &record.last_completed_task_definition {
            Some(previous) if breaker.rollback => {
                s.task_definition_arn = previous.clone();
                s.deployments = 1;
                s.running_count = s.desired_count;
            }
            _ => {
                s.deployments = 1;
                s.running_count = 0;
            }
        }
    }
    s
}

/// What ECS says of a deployment its circuit breaker stopped.
pub const CIRCUIT_BREAKER_REASON: &str = "ECS deployment circuit breaker: tasks failed to start.";

/// True when tasks of `task_definition_arn` never become healthy.
fn fails(world: &World, task_definition_arn: &str) -> bool {
    world
        .task_definitions
        .get(task_definition_arn)
        .is_some_and(|t| world.failing_images.contains(&t.container.image))
}

/// The Container Insights log group of cluster `name`, as ECS makes it.
fn insights_log_group(world: &mut World, name: &str) {
    let group = crate::aws::ecs::container_insights_log_group(name);
    world
        .log_groups
        .entry(group.clone())
        .or_insert_with(|| Tagged {
            object: crate::aws::logs::LogGroup {
                arn: format!("arn:aws:logs:{REGION}:{ACCOUNT}:log-group:{group}"),
                name: group,
                retention_days: Some(1),
            },
            tags: Tags::new(),
        });
}

/// The ARN of the service `service` (name or ARN) of `cluster`, whatever
/// its status.
fn service_arn(world: &World, cluster: &str, service: &str) -> Option<String> {
    let cluster = active_cluster(world, cluster)?;
    world
        .services
        .iter()
        .filter(|(_, s)| s.service.cluster_arn == cluster.arn)
        .filter(|(arn, s)| *arn == service || s.service.name == service)
        .map(|(arn, _)| arn.clone())
        .next()
}

#[async_trait]
impl Clusters for FakeAws {
    async fn create_cluster(
        &self,
        name: &str,
        tags: &Tags,
        container_insights: bool,
    ) -> Result<Cluster, AwsError> {
        let mut inner = self.call(ECS, "create_cluster", name)?;
        let cluster = Cluster {
            arn: arn(&format!("cluster/{name}")),
            name: name.into(),
            status: "ACTIVE".into(),
            container_insights: Some(container_insights),
        };
        if container_insights {
            // ECS makes the performance log group once tasks report.
            insights_log_group(&mut inner.world, name);
        }
        // CreateCluster is idempotent by name; an inactive cluster comes back.
        let record = inner
            .world
            .clusters
            .entry(cluster.arn.clone())
            .or_insert_with(|| Tagged {
                object: cluster.clone(),
                tags: tags.clone(),
            });
        if record.object.status != "ACTIVE" {
            *record = Tagged {
                object: cluster.clone(),
                tags: tags.clone(),
            };
        }
        Ok(record.object.clone())
    }

    async fn find_cluster(&self, cluster: &str) -> Result<Option<Cluster>, AwsError> {
        let inner = self.call(ECS, "find_cluster", cluster)?;
        Ok(active_cluster(&inner.world, cluster).cloned())
    }

    async fn set_container_insights(&self, cluster: &str, enabled: bool) -> Result<(), AwsError> {
        let mut inner = self.call(ECS, "set_container_insights", cluster)?;
        let world = &mut inner.world;
        let found = active_cluster(world, cluster)
            .cloned()
            .ok_or_else(cluster_not_found)?;
        if enabled {
            insights_log_group(world, &found.name);
        }
        if let Some(c) = world.clusters.get_mut(&found.arn) {
            c.object.container_insights = Some(enabled);
        }
        Ok(())
    }

    async fn delete_cluster(&self, cluster: &str) -> Result<(), AwsError> {
        let mut inner = self.call(ECS, "delete_cluster", cluster)?;
        let world = &mut inner.world;
        let Some(found) = active_cluster(world, cluster).cloned() else {
            return Ok(());
        };
        let now = Instant::now();
        if world
            .services
            .values()
            .any(|s| s.service.cluster_arn == found.arn && s.inactive_at.is_none_or(|t| t > now))
        {
            return Err(api_error(
                ECS,
                "ClusterContainsServicesException",
                "The Cluster cannot be deleted while Services are active.",
            ));
        }
        if let Some(c) = world.clusters.get_mut(&found.arn) {
            c.object.status = "INACTIVE".into();
        }
        Ok(())
    }

    async fn list_clusters(&self) -> Result<Vec<String>, AwsError> {
        let inner = self.call(ECS, "list_clusters", "")?;
        Ok(inner
            .world
            .clusters
            .values()
            .filter(|c| c.object.status == "ACTIVE")
            .map(|c| c.object.arn.clone())
            .collect())
    }
}

#[async_trait]
impl TaskDefinitions for FakeAws {
    async fn register_task_definition(
        &self,
        definition: &TaskDefinition,
    ) -> Result<TaskDefinition, AwsError> {
        let mut inner = self.call(ECS, "register_task_definition", &definition.family)?;
        let world = &mut inner.world;
        let revision = world
            .task_definition_revisions
            .entry(definition.family.clone())
            .or_default();
        *revision += 1;
        let registered = TaskDefinition {
            arn: arn(&format!("task-definition/{}:{revision}", definition.family)),
            status: "ACTIVE".into(),
            ..definition.clone()
        };
        world
            .task_definitions
            .insert(registered.arn.clone(), registered.clone());
        if let Some(lost) = inner.answer_lost(ECS, "register_task_definition") {
            return Err(lost);
        }
        Ok(registered)
    }

    async fn find_task_definition(&self, arn: &str) -> Result<Option<TaskDefinition>, AwsError> {
        let inner = self.call(ECS, "find_task_definition", arn)?;
        Ok(inner
            .world
            .task_definitions
            .get(arn)
            .filter(|t| t.status == "ACTIVE")
            .map(|t| TaskDefinition {
                tags: without_aws_managed(t.tags.clone()),
                ..t.clone()
            }))
    }

    async fn delete_task_definition(&self, arn: &str) -> Result<(), AwsError> {
        let mut inner = self.call(ECS, "delete_task_definition", arn)?;
        inner.world.task_definitions.remove(arn);
        Ok(())
    }
}

#[async_trait]
impl EcsServices for FakeAws {
    async fn create_service(&self, spec: &EcsServiceSpec) -> Result<EcsService, AwsError> {
        let mut inner = self.call(ECS, "create_service", &spec.name)?;
        let world = &mut inner.world;
        let cluster = active_cluster(world, &spec.cluster)
            .cloned()
            .ok_or_else(cluster_not_found)?;
        let attached = world
            .target_groups
            .get(&spec.target_group_arn)
            .is_some_and(|t| !t.object.0.load_balancer_arns.is_empty());
        if !attached {
            return Err(api_error(
                ECS,
                "InvalidParameterException",
                &format!(
                    "The target group with targetGroupArn {} does not have an associated load balancer.",
                    spec.target_group_arn
                ),
            ));
        }
        let service_arn = arn(&format!("service/{}/{}", cluster.name, spec.name));
        if let Some(existing) = world.services.get(&service_arn) {
            let current = view(existing);
            if current.status != "INACTIVE" {
                let same = existing.client_token == spec.client_token
                    && current.task_definition_arn == spec.task_definition_arn
                    && current.desired_count == spec.desired_count;
                return if same {
                    Ok(current)
                } else {
                    Err(api_error(
                        ECS,
                        "InvalidParameterException",
                        "Creation of service was not idempotent.",
                    ))
                };
            }
        }
        let service = EcsService {
            arn: service_arn.clone(),
            name: spec.name.clone(),
            cluster_arn: cluster.arn.clone(),
            status: "ACTIVE".into(),
            desired_count: spec.desired_count,
            running_count: 0,
            task_definition_arn: spec.task_definition_arn.clone(),
            maximum_percent: Some(spec.deployment.maximum_percent),
            minimum_healthy_percent: Some(spec.deployment.minimum_healthy_percent),
            circuit_breaker: Some(spec.deployment.circuit_breaker),
            failed_rollouts: Vec::new(),
            health_check_grace_period_seconds: Some(spec.health_check_grace_period_seconds),
            deployments: 1,
            subnet_ids: spec.subnet_ids.clone(),
            security_group_ids: spec.security_group_ids.clone(),
            target_group_arns: vec![spec.target_group_arn.clone()],
            tags: spec.tags.clone(),
        };
        let record = EcsServiceRecord {
            service,
            tags: spec.tags.clone(),
            client_token: spec.client_token.clone(),
            container_port: spec.container_port,
            steady_at: Instant::now() + DEPLOYMENT,
            inactive_at: None,
            deployment_fails: fails(world, &spec.task_definition_arn),
            last_completed_task_definition: None,
        };
        let shown = view(&record);
        world.services.insert(service_arn, record);
        Ok(shown)
    }

    async fn find_service(
        &self,
        cluster: &str,
        service: &str,
    ) -> Result<Option<EcsService>, AwsError> {
        let inner = self.call(ECS, "find_service", service)?;
        let world = &inner.world;
        Ok(service_arn(world, cluster, service)
            .and_then(|arn| world.services.get(&arn))
            .map(view)
            .filter(|s| s.status != "INACTIVE"))
    }

    async fn services_of(&self, cluster: &str) -> Result<Vec<EcsService>, AwsError> {
        let inner = self.call(ECS, "services_of", cluster)?;
        let world = &inner.world;
        let cluster = active_cluster(world, cluster).ok_or_else(cluster_not_found)?;
        Ok(world
            .services
            .values()
            .filter(|s| s.service.cluster_arn == cluster.arn)
            .map(view)
            .filter(|s| s.status != "INACTIVE")
            .collect())
    }

    async fn update_service(
        &self,
        cluster: &str,
        service: &str,
        update: &EcsServiceUpdate,
    ) -> Result<(), AwsError> {
        if update.is_empty() {
            return Ok(());
        }
        let mut inner = self.call(ECS, "update_service", service)?;
        let world = &mut inner.world;
        if active_cluster(world, cluster).is_none() {
            return Err(cluster_not_found());
        }
        let new_revision_fails = update
            .task_definition_arn
            .as_ref()
            .map(|td| fails(world, td));
        let record = service_arn(world, cluster, service)
            .and_then(|arn| world.services.get_mut(&arn))
            .ok_or_else(|| api_error(ECS, "ServiceNotFoundException", "Service not found."))?;
        if view(record).status != "ACTIVE" {
            return Err(api_error(
                ECS,
                "ServiceNotActiveException",
                "Service was not ACTIVE.",
            ));
        }
        let shown = view(record);
        let completed = (shown.deployments == 1 && shown.failed_rollouts.is_empty())
            .then(|| shown.task_definition_arn.clone());
        let s = &mut record.service;
        let mut redeploy = false;
        if let Some(td) = &update.task_definition_arn {
            redeploy |= *td != s.task_definition_arn;
            s.task_definition_arn = td.clone();
        }
        if let Some(n) = update.desired_count {
            redeploy |= n != s.desired_count;
            s.desired_count = n;
        }
        if let Some(d) = update.deployment {
            s.maximum_percent = Some(d.maximum_percent);
            s.minimum_healthy_percent = Some(d.minimum_healthy_percent);
            s.circuit_breaker = Some(d.circuit_breaker);
        }
        if let Some(grace) = update.health_check_grace_period_seconds {
            s.health_check_grace_period_seconds = Some(grace);
        }
        if redeploy {
            record.steady_at = Instant::now() + DEPLOYMENT;
            if completed.is_some() {
                record.last_completed_task_definition = completed;
            }
            if let Some(fails) = new_revision_fails {
                record.deployment_fails = fails;
            }
        }
        Ok(())
    }

    async fn delete_service(&self, cluster: &str, service: &str) -> Result<(), AwsError> {
        let mut inner = self.call(ECS, "delete_service", service)?;
        let world = &mut inner.world;
        let Some(record) =
            service_arn(world, cluster, service).and_then(|arn| world.services.get_mut(&arn))
        else {
            return Ok(());
        };
        if record.inactive_at.is_some() {
            return Ok(());
        }
        if record.service.desired_count > 0 {
            return Err(api_error(
                ECS,
                "InvalidParameterException",
                "The service cannot be stopped while it is scaled above 0.",
            ));
        }
        record.inactive_at = Some(Instant::now() + DRAINING);
        Ok(())
    }
}

/// The tags of the ECS object `arn`, for reading or changing.
fn tags_mut<'a>(world: &'a mut World, arn: &str) -> Result<&'a mut Tags, AwsError> {
    if let Some(c) = world.clusters.get_mut(arn) {
        Ok(&mut c.tags)
    } else if let Some(s) = world.services.get_mut(arn) {
        Ok(&mut s.tags)
    } else if let Some(t) = world.task_definitions.get_mut(arn) {
        Ok(&mut t.tags)
    } else {
        Err(api_error(
            ECS,
            "InvalidParameterException",
            &format!("The specified resource {arn} could not be found."),
        ))
    }
}

#[async_trait]
impl EcsTags for FakeAws {
    async fn ecs_tags(&self, arn: &str) -> Result<Tags, AwsError> {
        let mut inner = self.call(ECS, "ecs_tags", arn)?;
        Ok(without_aws_managed(
            tags_mut(&mut inner.world, arn)?.clone(),
        ))
    }

    async fn set_ecs_tags(&self, arn: &str, old: &Tags, tags: &Tags) -> Result<(), AwsError> {
        let mut inner = self.call(ECS, "set_ecs_tags", arn)?;
        let target = tags_mut(&mut inner.world, arn)?;
        let (upsert, remove) = diff(old, tags);
        for k in remove {
            target.remove(&k);
        }
        target.extend(upsert);
        Ok(())
    }
}
