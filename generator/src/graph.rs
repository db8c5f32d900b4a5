//! The catalog as a graph, per environment: the Transit Gateway, each
//! workload account with its VPC (CIDR) and attachment, the services, the
//! consuming applications and their PrivateLink connections.

use crate::catalog::{AccountKind, Catalog};
use crate::generate::hcl::ident;

/// Output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Mermaid flowchart.
    Mermaid,
    /// Graphviz dot.
    Dot,
}

/// A graph being written in one of the formats.
struct Writer {
    format: Format,
    out: String,
    depth: usize,
}

impl Writer {
    fn line(&mut self, text: &str) {
        self.out.push_str(&"  ".repeat(self.depth));
        self.out.push_str(text);
        self.out.push('\n');
    }

    fn open(&mut self, id: &str, label: &str) {
        match self.format {
            Format::Mermaid => self.line(&format!("subgraph {id}[\"{label}\"]")),
            Format::Dot => {
                self.line(&format!("subgraph cluster_{id} {{"));
                self.line(&format!("  label=\"{label}\";"));
            }
        }
        self.depth += 1;
    }

    fn close(&mut self) {
        self.depth -= 1;
        match self.format {
            Format::Mermaid => self.line("end"),
            Format::Dot => self.line("}"),
        }
    }

    fn node(&mut self, id: &str, label: &str) {
        match self.format {
            Format::Mermaid => self.line(&format!("{id}[\"{label}\"]")),
            Format::Dot => self.line(&format!("{id} [label=\"{label}\"];")),
        }
    }

    fn edge(&mut self, from: &str, to: &str, label: &str, dashed: bool) {
        match (self.format, dashed) {
            (Format::Mermaid, false) => self.line(&format!("{from} ---|{label}| {to}")),
            (Format::Mermaid, true) => self.line(&format!("{from} -.->|{label}| {to}")),
            (Format::Dot, false) => {
                self.line(&format!("{from} -> {to} [label=\"{label}\", dir=none];"))
            }
            (Format::Dot, true) => self.line(&format!(
                "{from} -> {to} [label=\"{label}\", style=dashed];"
            )),
        }
    }
}

/// The graph of `catalog` (already validated) in `format`.
pub fn render(catalog: &Catalog, format: Format) -> String {
    let mut w = Writer {
        format,
        out: String::new(),
        depth: 0,
    };
    match format {
        Format::Mermaid => w.line("flowchart LR"),
        Format::Dot => w.line("digraph workloads {"),
    }
    w.depth += 1;
    if format == Format::Dot {
        w.line("rankdir=LR;");
    }
    let networking = catalog.networking();
    for env in &catalog.environments {
        let e = ident(env.name.get_ref());
        w.open(&e, env.name.get_ref());
        let tgw = format!("{e}_tgw");
        let tgw_label = match networking {
            Some(n) => format!("Transit Gateway ({} {})", n.name.get_ref(), n.id.get_ref()),
            None => "Transit Gateway".to_string(),
        };
        w.node(&tgw, &tgw_label);
        let mut edges = Vec::new();
        for account in catalog.workload_accounts() {
            let a = format!("{e}_{}", ident(account.name.get_ref()));
            w.open(
                &a,
                &format!(
                    "{} ({}, {})",
                    account.name.get_ref(),
                    account.kind.get_ref().as_str(),
                    account.id.get_ref()
                ),
            );
            let cidr = account
                .vpc_cidrs
                .get(env.name.get_ref())
                .map(|c| c.get_ref().as_str())
                .unwrap_or("?");
            w.node(&format!("{a}_vpc"), &format!("VPC {cidr}"));
            edges.push((
                format!("{a}_vpc"),
                tgw.clone(),
                "attachment".to_string(),
                false,
            ));
            if *account.kind.get_ref() == AccountKind::Provider {
                for service in catalog.services_of(account.name.get_ref()) {
                    w.node(
                        &format!("{e}_svc_{}", ident(service.name.get_ref())),
                        &format!(
                            "service {} :{}",
                            service.name.get_ref(),
                            service.port.get_ref()
                        ),
                    );
                }
            }
            for consumer in catalog.consumers_of(account.name.get_ref()) {
                let c = format!("{e}_app_{}", ident(consumer.name.get_ref()));
                w.node(&c, &format!("app {}", consumer.name.get_ref()));
                for service in &consumer.services {
                    edges.push((
                        c.clone(),
                        format!("{e}_svc_{}", ident(service.get_ref())),
                        "PrivateLink".to_string(),
                        true,
                    ));
                }
            }
            w.close();
        }
        for (from, to, label, dashed) in edges {
            w.edge(&from, &to, &label, dashed);
        }
        w.close();
    }
    w.depth -= 1;
    if format == Format::Dot {
        w.line("}");
    }
    w.out
}
