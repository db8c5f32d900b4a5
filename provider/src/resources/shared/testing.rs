//! Test support shared by the resources' lifecycle tests: Terraform's
//! proposed new state, and a runtime on a paused clock.

use tfplugin::schema::{AttributeKind, Block, Nesting};
use tfplugin::value::Value;

/// Terraform's proposed new state: the configuration, with computed
/// attributes it leaves null taken from the prior state.
pub fn proposed(block: &Block, prior: &Value, config: &Value) -> Value {
    if config.is_null() || prior.is_null() {
        return config.clone();
    }
    let mut out = config.clone();
    for a in &block.attributes {
        let (c, p) = (config.get(&a.name), prior.get(&a.name));
        let value = match &a.kind {
            _ if a.computed && c.is_null() => p.clone(),
            AttributeKind::Nested(n) if n.nesting == Nesting::Single => {
                let inner = Block {
                    attributes: n.attributes.clone(),
                    ..Block::default()
                };
                proposed(&inner, p, c)
            }
            _ => c.clone(),
        };
        out.set(&a.name, value);
    }
    out
}

/// Runs `test` on a fresh runtime with a paused clock. Tests looping over
/// cases run each case on its own: `Ctx` deadlines come from the real
/// clock, so the paused clock must not have run ahead of it.
pub fn on_paused_clock<F: std::future::Future>(test: F) -> F::Output {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .start_paused(true)
        .build()
        .expect("a test runtime")
        .block_on(test)
}
