//! Compiles the protocol-5 client the benchmark uses to talk to
//! hashicorp/aws (which still speaks protocol 5).

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let descriptors = protox::compile(["proto/tfplugin5.proto"], ["proto"])?;
    tonic_prost_build::configure()
        .build_server(false)
        .build_client(true)
        .compile_fds(descriptors)?;
    println!("cargo:rerun-if-changed=proto/tfplugin5.proto");
    Ok(())
}
