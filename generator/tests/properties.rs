//! Property: any valid catalog generates output that `check` accepts once
//! written, and generating again gives byte-identical files.

use privatelink_gen::catalog::parse;
use privatelink_gen::generate::generate;
use privatelink_gen::output::{self, Ownership};
use privatelink_gen::validate::validate;
use proptest::prelude::*;

/// Fargate sizes and capacity triples that are valid together.
const SIZES: &[(i64, i64)] = &[
    (256, 512),
    (256, 2048),
    (512, 1024),
    (1024, 3072),
    (2048, 16384),
];
const RETENTION: &[i64] = &[1, 7, 30, 90, 365];

/// The shape of a random catalog; names and CIDRs are derived from indices
/// so that the catalog is valid by construction.
#[derive(Debug, Clone)]
struct Shape {
    environments: usize,
    providers: usize,
    consumer_accounts: usize,
    /// (provider account index, port) per service.
    services: Vec<(usize, i64)>,
    /// (consumer account index, service indices) per consumer.
    consumers: Vec<(usize, Vec<usize>)>,
    sizes: Vec<usize>,
    retention: usize,
    name: String,
}

fn shape() -> impl Strategy<Value = Shape> {
    (1usize..=3, 1usize..=3, 1usize..=2, "[a-z]{1,10}")
        .prop_flat_map(|(environments, providers, consumer_accounts, name)| {
            (
                Just(environments),
                Just(providers),
                Just(consumer_accounts),
                prop::collection::vec((0..providers, 1024i64..65535), 1..5),
                prop::collection::vec(
                    (0..consumer_accounts, prop::collection::vec(0usize..8, 0..4)),
                    0..4,
                ),
                prop::collection::vec(0..SIZES.len(), 3),
                0..RETENTION.len(),
                Just(name),
            )
        })
        .prop_map(
            |(
                environments,
                providers,
                consumer_accounts,
                services,
                consumers,
                sizes,
                retention,
                name,
            )| {
                let count = services.len();
                let consumers = consumers
                    .into_iter()
                    .map(|(account, picks)| {
                        let mut picks: Vec<usize> = picks.into_iter().map(|p| p % count).collect();
                        picks.sort();
                        picks.dedup();
                        (account, picks)
                    })
                    .collect();
                Shape {
                    environments,
                    providers,
                    consumer_accounts,
                    services,
                    consumers,
                    sizes,
                    retention,
                    name,
                }
            },
        )
}

fn catalog_text(shape: &Shape) -> String {
    let envs = &["dev", "staging", "prod"][..shape.environments];
    let mut text = String::from(
        "[settings]\nname_prefix = \"prop\"\nzone_ids = [\"use1-az1\", \"use1-az2\"]\nproject = \"p\"\n\n\
         [[accounts]]\nname = \"net\"\nid = \"100000000000\"\nregion = \"us-east-1\"\nrole = \"tf\"\nkind = \"networking\"\n",
    );
    let mut network = 0;
    let mut account = |text: &mut String, name: String, kind: &str| {
        let cidrs: Vec<String> = envs
            .iter()
            .map(|e| {
                network += 1;
                format!("{e} = \"10.{network}.0.0/16\"")
            })
            .collect();
        text.push_str(&format!(
            "\n[[accounts]]\nname = \"{name}\"\nid = \"2{network:011}\"\nregion = \"us-east-1\"\nrole = \"tf\"\nkind = \"{kind}\"\nvpc_cidrs = {{ {} }}\n",
            cidrs.join(", ")
        ));
    };
    for p in 0..shape.providers {
        account(&mut text, format!("p{p}-{}", shape.name), "provider");
    }
    for c in 0..shape.consumer_accounts {
        account(&mut text, format!("c{c}"), "consumer");
    }
    for (i, env) in envs.iter().enumerate() {
        let (cpu, memory) = SIZES[shape.sizes[i]];
        text.push_str(&format!(
            "\n[[environments]]\nname = \"{env}\"\ncpu = {cpu}\nmemory = {memory}\ndesired_count = {}\nmin_capacity = 1\nmax_capacity = {}\nlog_retention_days = {}\n",
            i + 1,
            i + 2,
            RETENTION[shape.retention]
        ));
    }
    for (s, (provider, port)) in shape.services.iter().enumerate() {
        let allowed: Vec<String> = (0..shape.consumer_accounts)
            .filter(|c| {
                shape
                    .consumers
                    .iter()
                    .any(|(a, picks)| a == c && picks.contains(&s))
            })
            .map(|c| format!("\"c{c}\""))
            .collect();
        text.push_str(&format!(
            "\n[[services]]\nname = \"s{s}-{}\"\naccount = \"p{provider}-{}\"\nport = {port}\nimage = \"img:{{environment}}\"\nallowed_consumers = [{}]\nenvironment = {{ K = \"v{s}\" }}\n",
            shape.name,
            shape.name,
            allowed.join(", ")
        ));
    }
    for (i, (account, picks)) in shape.consumers.iter().enumerate() {
        let services: Vec<String> = picks
            .iter()
            .map(|s| format!("\"s{s}-{}\"", shape.name))
            .collect();
        text.push_str(&format!(
            "\n[[consumers]]\nname = \"app{i}\"\naccount = \"c{account}\"\nport = 80\nimage = \"app:1\"\nservices = [{}]\n",
            services.join(", ")
        ));
    }
    text
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn valid_catalogs_generate_checkable_deterministic_output(shape in shape()) {
        let text = catalog_text(&shape);
        let catalog = parse(&text).map_err(|e| TestCaseError::fail(format!("{:?}\n{text}", e.0)))?;
        let problems = validate(&catalog);
        prop_assert!(problems.is_empty(), "{problems:#?}\n{text}");

        let first = generate(&catalog);
        let again = generate(&parse(&text).unwrap());
        prop_assert_eq!(&first, &again);

        let dir = tempfile::tempdir().unwrap();
        let plan = output::plan(dir.path(), &first.workloads, Ownership::Marked).unwrap();
        output::apply(dir.path(), &plan).unwrap();
        let check = output::plan(dir.path(), &again.workloads, Ownership::Marked).unwrap();
        prop_assert!(check.changes.is_empty() && check.conflicts.is_empty(), "{:?}", check.changes);
    }
}
