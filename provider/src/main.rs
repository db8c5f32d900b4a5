//! The `terraform-provider-privatelink` binary: a Terraform plugin started
//! by Terraform, or by hand with `--debug`.

use std::process::ExitCode;

use clap::Parser;
use privatelink_provider::privatelink::PrivatelinkProvider;
use tfplugin::server::debug::serve_debug;
use tfplugin::server::handshake::{LaunchEnv, LaunchError, not_a_command_message};
use tfplugin::server::logging;
use tfplugin::server::serve::serve_managed;

/// The version `--version` prints: the package version and the commit built
/// (`unknown` when built without git; see build.rs).
const VERSION: &str = concat!(
    env!("CARGO_PKG_VERSION"),
    " (commit ",
    env!("PRIVATELINK_COMMIT"),
    ")"
);

/// Terraform provider for exposing ECS Fargate services across AWS accounts
/// through PrivateLink.
#[derive(Parser)]
#[command(version = VERSION, about)]
struct Args {
    /// Serve without Terraform launching the provider (for debuggers) and
    /// print the TF_REATTACH_PROVIDERS value that attaches Terraform to it.
    #[arg(long)]
    debug: bool,

    /// Provider address printed in debug mode.
    #[arg(long, default_value = privatelink_provider::PROVIDER_ADDRESS, requires = "debug")]
    provider_address: String,
}

fn main() -> ExitCode {
    let args = Args::parse();
    let binary = std::env::args()
        .next()
        .unwrap_or_else(|| "terraform-provider-privatelink".into());

    let launch = if args.debug {
        None
    } else {
        match LaunchEnv::from_vars(|k| std::env::var(k).ok()) {
            Ok(env) => Some(env),
            Err(LaunchError::NoMagicCookie) => {
                eprint!(
                    "{}",
                    not_a_command_message(
                        &binary,
                        privatelink_provider::PROVIDER_NAME,
                        privatelink_provider::PROVIDER_SOURCE,
                    )
                );
                return ExitCode::from(1);
            }
            Err(e) => {
                eprintln!("{binary}: {e}");
                return ExitCode::from(1);
            }
        }
    };

    logging::init(privatelink_provider::PROVIDER_NAME);
    limit_malloc_arenas();
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("{binary}: cannot start the async runtime: {e}");
            return ExitCode::from(1);
        }
    };
    let result = runtime.block_on(async {
        match launch {
            Some(env) => serve_managed(PrivatelinkProvider, env).await,
            None => serve_debug(PrivatelinkProvider, &args.provider_address).await,
        }
    });
    let code = match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            tracing::error!(error = %e, "plugin server failed");
            eprintln!("{binary}: {e:#}");
            ExitCode::from(1)
        }
    };
    // Do not wait for background tasks (open streams, AWS calls) on exit.
    runtime.shutdown_background();
    code
}

/// glibc gives every thread that allocates its own malloc arena; with the
/// runtime's workers and the resolver's blocking threads that multiplies
/// the memory a provider keeps. Two arenas serve two workers well.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn limit_malloc_arenas() {
    // SAFETY: mallopt only tunes the allocator; called before any thread
    // other than main exists.
    unsafe {
        libc::mallopt(libc::M_ARENA_MAX, 2);
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn limit_malloc_arenas() {}
