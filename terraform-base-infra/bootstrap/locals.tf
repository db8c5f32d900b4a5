locals {
  # Bucket names are global: account id and region make them unique.
  state_bucket_name = "${var.name_prefix}-tfstate-${var.account_id}-${var.region}"
  log_bucket_name   = "${var.name_prefix}-tfstate-logs-${var.account_id}-${var.region}"
  lock_table_name   = "${var.name_prefix}-tflock"
  kms_alias         = "alias/${var.name_prefix}-tfstate"
  partition         = data.aws_partition.current.partition
}
