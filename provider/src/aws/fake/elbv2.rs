//! Elastic Load Balancing v2 in memory: network load balancers, target
//! groups, listeners and their tags.

use async_trait::async_trait;
use tokio::time::Instant;

use super::world::{ACCOUNT, ENI_RELEASE, LoadBalancerRecord, NLB_PROVISIONING, REGION, Tagged};
use super::{FakeAws, api_error};
use crate::aws::elbv2::{
    Elbv2Tags, HealthCheck, Listener, Listeners, LoadBalancer, LoadBalancers, TargetGroup,
    TargetGroupSpec, TargetGroups,
};
use crate::aws::endpoints::AwsApi;
use crate::aws::errors::AwsError;
use crate::aws::tags::{Tags, diff, without_aws_managed};

const ELBV2: AwsApi = AwsApi::Elbv2;

fn arn(kind: &str) -> String {
    format!("arn:aws:elasticloadbalancing:{REGION}:{ACCOUNT}:{kind}")
}

fn view(record: &LoadBalancerRecord) -> LoadBalancer {
    let mut lb = record.lb.clone();
    if lb.state == "provisioning" && Instant::now() >= record.active_at {
        lb.state = "active".into();
    }
    lb
}

fn not_found(code: &str, what: &str) -> AwsError {
    api_error(ELBV2, code, &format!("{what} not found"))
}

#[async_trait]
impl LoadBalancers for FakeAws {
    async fn create_nlb(
        &self,
        name: &str,
        subnet_ids: &[String],
        tags: &Tags,
    ) -> Result<LoadBalancer, AwsError> {
        let mut inner = self.call(ELBV2, "create_nlb", name)?;
        let world = &mut inner.world;
        if let Some(existing) = world.load_balancers.values().find(|l| l.lb.name == name) {
            // CreateLoadBalancer is idempotent for the same settings.
            return if existing.lb.subnet_ids == subnet_ids {
                Ok(view(existing))
            } else {
                Err(api_error(
                    ELBV2,
                    "DuplicateLoadBalancerName",
                    "A load balancer with the same name exists, but with different settings",
                ))
            };
        }
        let Some(vpc_id) = world
            .subnets
            .iter()
            .find(|s| subnet_ids.first() == Some(&s.id))
            .map(|s| s.vpc_id.clone())
        else {
            return Err(api_error(ELBV2, "SubnetNotFound", "subnet not found"));
        };
        let hex = world.hex(16);
        let lb = LoadBalancer {
            arn: arn(&format!("loadbalancer/net/{name}/{hex}")),
            name: name.into(),
            dns_name: format!("{name}-{hex}.elb.{REGION}.amazonaws.com"),
            vpc_id,
            state: "provisioning".into(),
            subnet_ids: subnet_ids.to_vec(),
            internal: true,
        };
        world.load_balancers.insert(
            lb.arn.clone(),
            LoadBalancerRecord {
                lb: lb.clone(),
                tags: tags.clone(),
                active_at: Instant::now() + NLB_PROVISIONING,
                cross_zone: false,
            },
        );
        Ok(lb)
    }

    async fn find_load_balancer(&self, arn: &str) -> Result<Option<LoadBalancer>, AwsError> {
        let inner = self.call(ELBV2, "find_load_balancer", arn)?;
        Ok(inner.world.load_balancers.get(arn).map(view))
    }

    async fn delete_load_balancer(&self, arn: &str) -> Result<(), AwsError> {
        let mut inner = self.call(ELBV2, "delete_load_balancer", arn)?;
        let world = &mut inner.world;
        if world
            .endpoint_services
            .values()
            .any(|s| s.service.nlb_arns.iter().any(|a| a == arn))
        {
            return Err(api_error(
                ELBV2,
                "ResourceInUse",
                &format!(
                    "Load balancer '{arn}' cannot be deleted because it is currently associated with another service"
                ),
            ));
        }
        if let Some(record) = world.load_balancers.remove(arn) {
            world
                .listeners
                .retain(|_, l| l.object.load_balancer_arn != arn);
            for tg in world.target_groups.values_mut() {
                tg.object.0.load_balancer_arns.retain(|a| a != arn);
            }
            world.lingering_interfaces.insert(
                record.lb.resource_id().to_string(),
                Instant::now() + ENI_RELEASE,
            );
        }
        Ok(())
    }

    async fn cross_zone_enabled(&self, arn: &str) -> Result<bool, AwsError> {
        let inner = self.call(ELBV2, "cross_zone_enabled", arn)?;
        inner
            .world
            .load_balancers
            .get(arn)
            .map(|l| l.cross_zone)
            .ok_or_else(|| not_found("LoadBalancerNotFound", arn))
    }

    async fn set_cross_zone(&self, arn: &str, enabled: bool) -> Result<(), AwsError> {
        let mut inner = self.call(ELBV2, "set_cross_zone", arn)?;
        let lb = inner
            .world
            .load_balancers
            .get_mut(arn)
            .ok_or_else(|| not_found("LoadBalancerNotFound", arn))?;
        lb.cross_zone = enabled;
        Ok(())
    }
}

#[async_trait]
impl TargetGroups for FakeAws {
    async fn create_target_group(&self, spec: &TargetGroupSpec) -> Result<TargetGroup, AwsError> {
        let mut inner = self.call(ELBV2, "create_target_group", &spec.name)?;
        let world = &mut inner.world;
        if let Some(existing) = world
            .target_groups
            .values_mut()
            .find(|t| t.object.0.name == spec.name)
        {
            // CreateTargetGroup is idempotent for the same settings; the
            // real implementation then sets the deregistration delay.
            let tg = &existing.object.0;
            if tg.port != spec.port
                || tg.vpc_id != spec.vpc_id
                || tg.health_check != spec.health_check
            {
                return Err(api_error(
                    ELBV2,
                    "DuplicateTargetGroupName",
                    "A target group with the same name exists, but with different settings",
                ));
            }
            existing.object.1 = spec.deregistration_delay;
            return Ok(existing.object.0.clone());
        }
        let hex = world.hex(16);
        let tg = TargetGroup {
            arn: arn(&format!("targetgroup/{}/{hex}", spec.name)),
            name: spec.name.clone(),
            port: spec.port,
            vpc_id: spec.vpc_id.clone(),
            health_check: spec.health_check.clone(),
            load_balancer_arns: Vec::new(),
        };
        world.target_groups.insert(
            tg.arn.clone(),
            Tagged {
                object: (tg.clone(), spec.deregistration_delay),
                tags: spec.tags.clone(),
            },
        );
        Ok(tg)
    }

    async fn find_target_group(&self, arn: &str) -> Result<Option<TargetGroup>, AwsError> {
        let inner = self.call(ELBV2, "find_target_group", arn)?;
        Ok(inner
            .world
            .target_groups
            .get(arn)
            .map(|t| t.object.0.clone()))
    }

    async fn set_health_check(
        &self,
        arn: &str,
        health_check: &HealthCheck,
    ) -> Result<(), AwsError> {
        let mut inner = self.call(ELBV2, "set_health_check", arn)?;
        let tg = inner
            .world
            .target_groups
            .get_mut(arn)
            .ok_or_else(|| not_found("TargetGroupNotFound", arn))?;
        tg.object.0.health_check = health_check.clone();
        Ok(())
    }

    async fn deregistration_delay(&self, arn: &str) -> Result<i32, AwsError> {
        let inner = self.call(ELBV2, "deregistration_delay", arn)?;
        inner
            .world
            .target_groups
            .get(arn)
            .map(|t| t.object.1)
            .ok_or_else(|| not_found("TargetGroupNotFound", arn))
    }

    async fn set_deregistration_delay(&self, arn: &str, seconds: i32) -> Result<(), AwsError> {
        let mut inner = self.call(ELBV2, "set_deregistration_delay", arn)?;
        let tg = inner
            .world
            .target_groups
            .get_mut(arn)
            .ok_or_else(|| not_found("TargetGroupNotFound", arn))?;
        tg.object.1 = seconds;
        Ok(())
    }

    async fn delete_target_group(&self, arn: &str) -> Result<(), AwsError> {
        let mut inner = self.call(ELBV2, "delete_target_group", arn)?;
        let world = &mut inner.world;
        if world
            .listeners
            .values()
            .any(|l| l.object.target_group_arn.as_deref() == Some(arn))
        {
            return Err(api_error(
                ELBV2,
                "ResourceInUse",
                &format!("Target group '{arn}' is currently in use by a listener or a rule"),
            ));
        }
        world.target_groups.remove(arn);
        Ok(())
    }
}

#[async_trait]
impl Listeners for FakeAws {
    async fn create_tcp_listener(
        &self,
        nlb_arn: &str,
        port: i32,
        target_group_arn: &str,
        tags: &Tags,
    ) -> Result<Listener, AwsError> {
        let mut inner = self.call(ELBV2, "create_tcp_listener", nlb_arn)?;
        let world = &mut inner.world;
        let Some(lb) = world.load_balancers.get(nlb_arn) else {
            return Err(not_found("LoadBalancerNotFound", nlb_arn));
        };
        let lb_path = lb.lb.resource_id().trim_start_matches("net/").to_string();
        if !world.target_groups.contains_key(target_group_arn) {
            return Err(not_found("TargetGroupNotFound", target_group_arn));
        }
        if let Some(existing) = world
            .listeners
            .values()
            .find(|l| l.object.load_balancer_arn == nlb_arn && l.object.port == port)
        {
            // CreateListener is idempotent for the same settings.
            return if existing.object.target_group_arn.as_deref() == Some(target_group_arn) {
                Ok(existing.object.clone())
            } else {
                Err(api_error(
                    ELBV2,
                    "DuplicateListener",
                    "A listener already exists on that port",
                ))
            };
        }
        let hex = world.hex(16);
        let listener = Listener {
            arn: arn(&format!("listener/net/{lb_path}/{hex}")),
            load_balancer_arn: nlb_arn.into(),
            port,
            target_group_arn: Some(target_group_arn.into()),
        };
        world.listeners.insert(
            listener.arn.clone(),
            Tagged {
                object: listener.clone(),
                tags: tags.clone(),
            },
        );
        if let Some(tg) = world.target_groups.get_mut(target_group_arn) {
            tg.object.0.load_balancer_arns = vec![nlb_arn.to_string()];
        }
        Ok(listener)
    }

    async fn find_listener(&self, arn: &str) -> Result<Option<Listener>, AwsError> {
        let inner = self.call(ELBV2, "find_listener", arn)?;
        Ok(inner.world.listeners.get(arn).map(|l| l.object.clone()))
    }

    async fn listeners_of(&self, nlb_arn: &str) -> Result<Vec<Listener>, AwsError> {
        let inner = self.call(ELBV2, "listeners_of", nlb_arn)?;
        if !inner.world.load_balancers.contains_key(nlb_arn) {
            return Err(not_found("LoadBalancerNotFound", nlb_arn));
        }
        Ok(inner
            .world
            .listeners
            .values()
            .filter(|l| l.object.load_balancer_arn == nlb_arn)
            .map(|l| l.object.clone())
            .collect())
    }

    async fn set_listener_port(&self, arn: &str, port: i32) -> Result<(), AwsError> {
        let mut inner = self.call(ELBV2, "set_listener_port", arn)?;
        let l = inner
            .world
            .listeners
            .get_mut(arn)
            .ok_or_else(|| not_found("ListenerNotFound", arn))?;
        l.object.port = port;
        Ok(())
    }

    async fn delete_listener(&self, arn: &str) -> Result<(), AwsError> {
        let mut inner = self.call(ELBV2, "delete_listener", arn)?;
        let world = &mut inner.world;
        if let Some(l) = world.listeners.remove(arn)
            && let Some(tg) = l
                .object
                .target_group_arn
                .and_then(|t| world.target_groups.get_mut(&t))
        {
            tg.object.0.load_balancer_arns.clear();
        }
        Ok(())
    }
}

#[async_trait]
impl Elbv2Tags for FakeAws {
    async fn elbv2_tags(&self, arn: &str) -> Result<Tags, AwsError> {
        let inner = self.call(ELBV2, "elbv2_tags", arn)?;
        let w = &inner.world;
        let tags = w
            .load_balancers
            .get(arn)
            .map(|l| &l.tags)
            .or_else(|| w.target_groups.get(arn).map(|t| &t.tags))
            .or_else(|| w.listeners.get(arn).map(|l| &l.tags))
            .ok_or_else(|| not_found("LoadBalancerNotFound", arn))?;
        Ok(without_aws_managed(tags.clone()))
    }

    async fn set_elbv2_tags(&self, arn: &str, old: &Tags, tags: &Tags) -> Result<(), AwsError> {
        let mut inner = self.call(ELBV2, "set_elbv2_tags", arn)?;
        let w = &mut inner.world;
        let target = if let Some(l) = w.load_balancers.get_mut(arn) {
            &mut l.tags
        } else if let Some(t) = w.target_groups.get_mut(arn) {
            &mut t.tags
        } else if let Some(l) = w.listeners.get_mut(arn) {
            &mut l.tags
        } else {
            return Err(not_found("LoadBalancerNotFound", arn));
        };
        let (upsert, remove) = diff(old, tags);
        for k in remove {
            target.remove(&k);
        }
        target.extend(upsert);
        Ok(())
    }
}
