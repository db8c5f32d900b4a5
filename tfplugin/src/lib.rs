//! Write Terraform providers in Rust.
//!
//! `tfplugin` speaks Terraform's plugin protocol 6 (Terraform 1.0 and
//! later) and takes care of everything between Terraform and your
//! provider's logic:
//!
//! - [`server`]: the go-plugin side. It checks the launch environment,
//!   listens on loopback, sets up AutoMTLS with the certificate Terraform
//!   sends, prints the handshake line, serves gRPC (tfplugin6 plus
//!   go-plugin's controller, stdio and broker), honours StopProvider by
//!   cancelling in-flight work, and exits when Terraform shuts it down or
//!   goes away. [`server::debug`] serves without Terraform for debuggers.
//! - The framework: [`schema`] (attributes, nested blocks, defaults,
//!   validators and plan modifiers), [`value`] (typed values with unknowns,
//!   msgpack and JSON codecs, and serde conversion to your own structs in
//!   [`value::typed`]), [`diagnostics`] that accumulate with attribute
//!   [`path`]s, [`validators`], [`plan_modifiers`], [`timeouts`], generated
//!   [`docs`], and the [`provider`], [`resource`] and [`data_source`]
//!   traits that [`rpc`] drives, one file per RPC.
//!
//! It knows nothing of any cloud: a provider brings its own clients as
//! [`provider::Provider::Data`].
//!
//! # A provider in a few lines
//!
//! ```no_run
//! use std::sync::Arc;
//!
//! use async_trait::async_trait;
//! use tfplugin::context::Ctx;
//! use tfplugin::data_source::DataSource;
//! use tfplugin::diagnostics::Diagnostics;
//! use tfplugin::provider::{ConfigureRequest, Provider};
//! use tfplugin::resource::Resource;
//! use tfplugin::schema::{Attribute, Block, Schema};
//! use tfplugin::value::Value;
//!
//! /// `data "hello_greeting" "x" { name = "world" }` gives `text = "Hello, world!"`.
//! struct Greeting;
//!
//! #[async_trait]
//! impl DataSource<()> for Greeting {
//!     fn type_name(&self) -> &'static str {
//!         "hello_greeting"
//!     }
//!     fn schema(&self) -> Schema {
//!         Schema::new(
//!             Block::new()
//!                 .attribute(Attribute::string("name").required())
//!                 .attribute(Attribute::string("text").computed()),
//!         )
//!     }
//!     async fn read(&self, _ctx: &Ctx, _data: &(), config: Value) -> Result<Value, Diagnostics> {
//!         let name = config.get("name").as_str().unwrap_or_default().to_string();
//!         let mut state = config;
//!         state.set("text", format!("Hello, {name}!").into());
//!         Ok(state)
//!     }
//! }
//!
//! struct Hello;
//!
//! #[async_trait]
//! impl Provider for Hello {
//!     type Data = ();
//!     fn type_name(&self) -> &'static str {
//!         "hello"
//!     }
//!     fn schema(&self) -> Schema {
//!         Schema::new(Block::new())
//!     }
//!     async fn configure(&self, _ctx: &Ctx, _req: ConfigureRequest) -> Result<(), Diagnostics> {
//!         Ok(())
//!     }
//!     fn resources(&self) -> Vec<Arc<dyn Resource<()>>> {
//!         Vec::new()
//!     }
//!     fn data_sources(&self) -> Vec<Arc<dyn DataSource<()>>> {
//!         vec![Arc::new(Greeting)]
//!     }
//! }
//!
//! #[tokio::main]
//! async fn main() -> anyhow::Result<()> {
//!     // Started by Terraform: the environment carries the magic cookie,
//!     // the port range and the client certificate.
//!     let env = tfplugin::server::handshake::LaunchEnv::from_vars(|k| std::env::var(k).ok())?;
//!     tfplugin::server::logging::init("hello");
//!     tfplugin::server::serve::serve_managed(Hello, env).await
//! }
//! ```

pub mod context;
pub mod data_source;
pub mod diagnostics;
pub mod docs;
pub mod path;
pub mod plan;
pub mod plan_modifiers;
pub mod proto;
pub mod provider;
pub mod resource;
pub mod rpc;
pub mod schema;
pub mod server;
pub mod timeouts;
pub mod validators;
pub mod value;
