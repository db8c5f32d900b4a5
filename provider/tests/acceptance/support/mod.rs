//! Test support: real components only. Terraform binaries (v1.0.3 from the
//! project virtualenv, v1.11.4 where installed), the embedded AWS (moto
//! behind the harness layer) on a free loopback port, and the provider
//! binary launched as Terraform launches it.

pub mod aws;
pub mod fault_sweep;
pub mod local_aws;
pub mod plugin;
pub mod terraform;

use std::path::PathBuf;

/// The repository root.
pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("provider/ has a parent")
        .to_path_buf()
}

/// The provider binary under test.
pub fn provider_binary() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_terraform-provider-privatelink"))
}
