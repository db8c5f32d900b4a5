"""A provider registry for tests and private hosting: serves release
directories written by scripts/release through Terraform's Provider Registry
Protocol and its Provider Network Mirror Protocol, over HTTPS."""
