//! The plugin server as Terraform's go-plugin client sees it: launch
//! contract, handshake, AutoMTLS, StopProvider and Shutdown.

use std::process::Command;
use std::time::{Duration, Instant};

use tfplugin::proto::plugin::Empty;
use tfplugin::proto::tfplugin6 as pb;
use tfplugin::value::{Type, Value, encode_msgpack};

use crate::support::aws::block_on;
use crate::support::plugin::{ClientIdentity, PluginProcess};
use crate::support::provider_binary;

#[test]
fn without_the_magic_cookie_it_explains_itself_and_exits_1() {
    let out = Command::new(provider_binary())
        .env_clear()
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("is a Terraform provider plugin, not a command"),
        "{stderr}"
    );
    assert!(stderr.contains("privatelink-labs/privatelink"), "{stderr}");
    assert!(
        out.stdout.is_empty(),
        "stdout must stay clean: {:?}",
        String::from_utf8_lossy(&out.stdout)
    );
}

#[test]
fn refuses_terraform_without_protocol_6() {
    let out = Command::new(provider_binary())
        .env_clear()
        .env(
            "TF_PLUGIN_MAGIC_COOKIE",
            tfplugin::server::handshake::MAGIC_COOKIE_VALUE,
        )
        .env("PLUGIN_PROTOCOL_VERSIONS", "4,5")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("speaks only protocol 6"));
}

#[test]
fn handshake_line_announces_loopback_grpc_and_the_server_certificate() {
    let client = ClientIdentity::generate();
    let plugin = PluginProcess::start(Some(&client), &[]);
    let fields: Vec<&str> = plugin.handshake.split('|').collect();
    assert_eq!(&fields[..3], &["1", "6", "tcp"]);
    assert_eq!(fields[4], "grpc");
    assert!(plugin.addr.ip().is_loopback());
    assert!(
        (10000..=25000).contains(&plugin.addr.port()),
        "{}",
        plugin.addr
    );
    let cert = plugin.server_cert.as_ref().expect("server certificate");
    assert!(!fields[5].ends_with('='), "base64 must be unpadded");
    let parsed = x509_parser::parse_x509_certificate(cert)
        .expect("DER certificate")
        .1;
    assert!(parsed.subject().to_string().contains("localhost"));
}

/// The provider started with `--debug`, and the TF_REATTACH_PROVIDERS value
/// it printed once serving.
fn start_debug_mode() -> (std::process::Child, String) {
    use std::io::{BufRead, BufReader};
    let mut child = Command::new(provider_binary())
        .arg("--debug")
        .env_clear()
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let mut reader = BufReader::new(child.stdout.take().unwrap());
    for _ in 0..20 {
        let mut line = String::new();
        if reader.read_line(&mut line).unwrap() == 0 {
            break;
        }
        if let Some(rest) = line.trim().strip_prefix("TF_REATTACH_PROVIDERS='") {
            return (child, rest.trim_end_matches('\'').to_string());
        }
    }
    let _ = child.kill();
    let _ = child.wait();
    panic!("no TF_REATTACH_PROVIDERS line");
}

/// The local addresses of the TCP sockets process `pid` listens on, from
/// its file descriptors and the kernel's socket tables.
fn listening_addresses(pid: u32) -> Vec<String> {
    let inodes: Vec<String> = std::fs::read_dir(format!("/proc/{pid}/fd"))
        .unwrap()
        .filter_map(|e| std::fs::read_link(e.ok()?.path()).ok())
        .filter_map(|target| {
            let t = target.to_string_lossy().to_string();
            Some(t.strip_prefix("socket:[")?.strip_suffix(']')?.to_string())
        })
        .collect();
    let mut addresses = Vec::new();
    for table in ["tcp", "tcp6"] {
        let text = std::fs::read_to_string(format!("/proc/{pid}/net/{table}")).unwrap_or_default();
        for row in text.lines().skip(1) {
            let fields: Vec<&str> = row.split_whitespace().collect();
            // local_address, state (0A = LISTEN), inode
            if fields.len() > 9 && fields[3] == "0A" && inodes.iter().any(|i| i == fields[9]) {
                addresses.push(format!("{table} {}", fields[1]));
            }
        }
    }
    addresses
}

#[test]
fn listens_on_loopback_only() {
    let client = ClientIdentity::generate();
    let plugin = PluginProcess::start(Some(&client), &[]);
    let listening = listening_addresses(plugin.pid());
    assert!(!listening.is_empty(), "no listening socket found");
    for address in &listening {
        // 127.0.0.1 in the kernel's little-endian hex.
        assert!(
            address.starts_with("tcp 0100007F:"),
            "listens on {address}: {listening:?}"
        );
    }

    let (mut debug, _) = start_debug_mode();
    let listening = listening_addresses(debug.id());
    let _ = debug.kill();
    let _ = debug.wait();
    assert!(
        !listening.is_empty(),
        "debug mode: no listening socket found"
    );
    for address in &listening {
        assert!(
            address.starts_with("tcp 0100007F:"),
            "debug mode listens on {address}"
        );
    }
}

#[test]
fn serves_terraforms_client_certificate() {
    let client = ClientIdentity::generate();
    let plugin = PluginProcess::start(Some(&client), &[]);
    let schema = block_on(async {
        let mut p = plugin.provider(Some(&client)).await;
        p.get_provider_schema(pb::get_provider_schema::Request {})
            .await
            .expect("schema")
            .into_inner()
    });
    assert!(
        schema
            .data_source_schemas
            .contains_key("privatelink_network")
    );
    assert!(schema.server_capabilities.unwrap().plan_destroy);
    let provider_attrs: Vec<String> = schema
        .provider
        .unwrap()
        .block
        .unwrap()
        .attributes
        .iter()
        .map(|a| a.name.clone())
        .collect();
    assert!(provider_attrs.contains(&"region".to_string()));
}

#[test]
fn refuses_connections_without_terraforms_certificate() {
    let terraform = ClientIdentity::generate();
    let intruder = ClientIdentity::generate();
    let plugin = PluginProcess::start(Some(&terraform), &[]);
    block_on(async {
        for (who, identity) in [
            ("another certificate", Some(&intruder)),
            ("no certificate", None),
        ] {
            let refused = match plugin.channel(identity).await {
                Err(_) => true,
                Ok(channel) => {
                    let mut p = pb::provider_client::ProviderClient::new(channel);
                    p.get_provider_schema(pb::get_provider_schema::Request {})
                        .await
                        .is_err()
                }
            };
            assert!(refused, "a client with {who} was served");
        }
        // Terraform's own certificate still works afterwards.
        let mut p = plugin.provider(Some(&terraform)).await;
        p.get_provider_schema(pb::get_provider_schema::Request {})
            .await
            .expect("schema");
    });
}

#[test]
fn serves_plaintext_when_terraform_disables_tls() {
    let plugin = PluginProcess::start(None, &[]);
    assert!(plugin.handshake.ends_with("|grpc|"), "{}", plugin.handshake);
    block_on(async {
        let mut p = plugin.provider(None).await;
        p.get_provider_schema(pb::get_provider_schema::Request {})
            .await
            .expect("schema");
    });
}

#[test]
fn shutdown_ends_the_process_promptly() {
    let client = ClientIdentity::generate();
    let mut plugin = PluginProcess::start(Some(&client), &[]);
    block_on(async {
        let mut c = plugin.controller(Some(&client)).await;
        c.shutdown(Empty {}).await.expect("shutdown");
    });
    let status = plugin
        .wait_exit(Duration::from_secs(2))
        .expect("exited within Terraform's 2 s grace");
    assert!(status.success(), "{status:?}");
}

#[test]
fn survives_sigint_so_terraform_can_stop_it_cleanly() {
    let client = ClientIdentity::generate();
    let mut plugin = PluginProcess::start(Some(&client), &[]);
    let pid = plugin.pid().to_string();
    assert!(
        Command::new("kill")
            .args(["-INT", &pid])
            .status()
            .unwrap()
            .success()
    );
    std::thread::sleep(Duration::from_millis(300));
    assert!(plugin.is_running(), "SIGINT killed the plugin");
    block_on(async {
        let mut p = plugin.provider(Some(&client)).await;
        p.get_provider_schema(pb::get_provider_schema::Request {})
            .await
            .expect("still serving");
    });
}

/// A loopback endpoint that accepts connections and never answers.
fn blackhole() -> (std::net::TcpListener, String) {
    let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", l.local_addr().unwrap());
    (l, url)
}

fn dynamic(value: &Value, ty: &Type) -> pb::DynamicValue {
    pb::DynamicValue {
        msgpack: encode_msgpack(value, ty).unwrap(),
        json: vec![],
    }
}

fn provider_config(schema: &pb::Schema, ec2_endpoint: &str) -> pb::DynamicValue {
    let ty = schema_type(schema);
    let mut config = Value::null_object(&ty);
    config.set("region", "us-east-1".into());
    config.set("skip_credentials_validation", true.into());
    let Type::Object(attrs) = &ty else {
        unreachable!()
    };
    let Type::List(endpoint_ty) = &attrs["endpoints"] else {
        unreachable!()
    };
    let mut endpoints = Value::null_object(endpoint_ty);
    endpoints.set("ec2", ec2_endpoint.into());
    config.set("endpoints", Value::List(vec![endpoints]));
    dynamic(&config, &ty)
}

/// The object type of a protocol schema (attributes and list blocks only,
/// which is all the provider block uses).
fn schema_type(schema: &pb::Schema) -> Type {
    fn block_type(b: &pb::schema::Block) -> Type {
        let mut attrs = std::collections::BTreeMap::new();
        for a in &b.attributes {
            let json: serde_json::Value = if a.r#type.is_empty() {
                serde_json::json!("dynamic")
            } else {
                serde_json::from_slice(&a.r#type).unwrap()
            };
            attrs.insert(a.name.clone(), Type::from_json(&json).unwrap());
        }
        for nb in &b.block_types {
            attrs.insert(
                nb.type_name.clone(),
                Type::list(block_type(nb.block.as_ref().unwrap())),
            );
        }
        Type::Object(attrs)
    }
    block_type(schema.block.as_ref().unwrap())
}

#[test]
fn stop_provider_cancels_in_flight_operations_but_keeps_serving() {
    let client = ClientIdentity::generate();
    let plugin = PluginProcess::start(
        Some(&client),
        &[("AWS_ACCESS_KEY_ID", "x"), ("AWS_SECRET_ACCESS_KEY", "y")],
    );
    let (_hole, hole_url) = blackhole();
    block_on(async {
        let mut p = plugin.provider(Some(&client)).await;
        let schema = p
            .get_provider_schema(pb::get_provider_schema::Request {})
            .await
            .unwrap()
            .into_inner();
        let configured = p
            .configure_provider(pb::configure_provider::Request {
                terraform_version: "1.11.4".into(),
                config: Some(provider_config(
                    schema.provider.as_ref().unwrap(),
                    &hole_url,
                )),
                client_capabilities: None,
            })
            .await
            .unwrap()
            .into_inner();
        assert!(
            configured.diagnostics.is_empty(),
            "{:?}",
            configured.diagnostics
        );

        let ds_ty = schema_type(&schema.data_source_schemas["privatelink_network"]);
        let mut ds_config = Value::null_object(&ds_ty);
        ds_config.set("id", "vpc-0123456789abcdef0".into());
        let request = pb::read_data_source::Request {
            type_name: "privatelink_network".into(),
            config: Some(dynamic(&ds_config, &ds_ty)),
            provider_meta: None,
            client_capabilities: None,
        };
        let mut reader = p.clone();
        let in_flight = tokio::spawn(async move { reader.read_data_source(request).await });
        tokio::time::sleep(Duration::from_millis(500)).await;
        assert!(
            !in_flight.is_finished(),
            "the read should hang on the silent endpoint"
        );

        let stopped_at = Instant::now();
        let stop = p
            .stop_provider(pb::stop_provider::Request {})
            .await
            .unwrap()
            .into_inner();
        assert_eq!(stop.error, "");
        let response = tokio::time::timeout(Duration::from_secs(5), in_flight)
            .await
            .expect("the in-flight read ends soon after StopProvider")
            .unwrap()
            .expect("a response, not a transport error")
            .into_inner();
        assert!(stopped_at.elapsed() < Duration::from_secs(5));
        let summaries: Vec<&str> = response
            .diagnostics
            .iter()
            .map(|d| d.summary.as_str())
            .collect();
        assert!(
            summaries.iter().any(|s| s.contains("cancelled")),
            "{summaries:?}"
        );

        // The server keeps serving.
        p.get_provider_schema(pb::get_provider_schema::Request {})
            .await
            .expect("still serving after StopProvider");
    });
}

#[test]
fn debug_mode_prints_reattach_settings_and_serves_until_terminated() {
    let (mut child, reattach) = start_debug_mode();
    let reattach: serde_json::Value = serde_json::from_str(&reattach).unwrap();
    let entry = &reattach["registry.terraform.io/privatelink-labs/privatelink"];
    assert_eq!(entry["ProtocolVersion"], 6);
    assert_eq!(entry["Pid"], child.id());
    let addr = entry["Addr"]["String"].as_str().unwrap().to_string();
    block_on(async {
        let channel = tonic::transport::Endpoint::try_from(format!("http://{addr}"))
            .unwrap()
            .connect()
            .await
            .unwrap();
        let mut p = pb::provider_client::ProviderClient::new(channel.clone());
        p.get_provider_schema(pb::get_provider_schema::Request {})
            .await
            .expect("schema");
        // Terraform's Shutdown does not end a debug session.
        let mut c =
            tfplugin::proto::plugin::grpc_controller_client::GrpcControllerClient::new(channel);
        c.shutdown(Empty {}).await.unwrap();
        p.get_provider_schema(pb::get_provider_schema::Request {})
            .await
            .expect("still serving");
    });
    assert!(
        Command::new("kill")
            .args(["-TERM", &child.id().to_string()])
            .status()
            .unwrap()
            .success()
    );
    let deadline = Instant::now() + Duration::from_secs(3);
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            assert!(status.success(), "{status:?}");
            break;
        }
        assert!(
            Instant::now() < deadline,
            "debug server did not stop on SIGTERM"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn exits_when_terraform_dies_without_shutdown() {
    use std::io::{BufRead, BufReader};
    let dir = tempfile::tempdir().unwrap();
    let handshake = dir.path().join("handshake");
    // A stand-in for Terraform that starts the plugin and is then killed.
    let mut parent = Command::new("sh")
        .arg("-c")
        .arg(format!(
            "'{}' >'{}' 2>/dev/null & echo $!; exec sleep 60",
            provider_binary().display(),
            handshake.display()
        ))
        .env_clear()
        .env(
            "TF_PLUGIN_MAGIC_COOKIE",
            tfplugin::server::handshake::MAGIC_COOKIE_VALUE,
        )
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(parent.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let pid: u32 = line.trim().parse().unwrap();
    let deadline = Instant::now() + Duration::from_secs(10);
    while std::fs::read_to_string(&handshake)
        .unwrap_or_default()
        .is_empty()
    {
        assert!(
            Instant::now() < deadline,
            "the plugin never printed its handshake"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    parent.kill().unwrap();
    parent.wait().unwrap();
    let deadline = Instant::now() + Duration::from_secs(5);
    while std::path::Path::new(&format!("/proc/{pid}")).exists() {
        let zombie = std::fs::read_to_string(format!("/proc/{pid}/stat"))
            .unwrap_or_default()
            .contains(") Z ");
        if zombie {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "the orphaned plugin {pid} kept running"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}
