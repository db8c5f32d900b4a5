data "privatelink_network" "workload" {
  tags        = { Name = "workload-dev" }
  subnet_tier = "private"
}

output "private_subnet_ids" {
  value = data.privatelink_network.workload.subnet_ids
}
