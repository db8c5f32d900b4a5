//! `privatelink-gen`: generates every workload account's Terraform root
//! module (`terraform-workloads/<account>/`) from one TOML catalog
//! (`terraform-workloads/catalog.toml`).
//!
//! Commands (run from the repository root):
//!
//! - `generate`: validate the catalog, then write the generated files (one
//!   root module per workload account under `terraform-workloads/`,
//!   `terraform-base-infra/workloads.auto.tfvars.json`, and with
//!   `settings.ci_role` the GitHub Actions workflows in `.github/workflows/`)
//!   and remove generated files the catalog no longer produces. Files
//!   without the generated-file marker (e.g. `*_override.tf`) are never
//!   touched.
//! - `check`: like `generate`, but writes nothing; prints a unified diff of
//!   every stale, hand-edited, missing or extra generated file.
//! - `graph`: the accounts, VPCs, attachments, services and connections as
//!   Mermaid (default) or Graphviz dot.
//! - `validate`: only the catalog checks.
//!
//! Exit codes: `0` success; `1` the catalog is invalid, or `check` found
//! differences; `2` usage error (bad arguments) or an I/O error (a file
//! could not be read or written).

pub mod aws_rules;
pub mod catalog;
pub mod cli;
pub mod diagnostics;
pub mod generate;
pub mod graph;
pub mod hclfmt;
pub mod output;
pub mod validate;
pub mod yaml;
