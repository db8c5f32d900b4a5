# The example catalog's workload accounts against the embedded AWS, shared
# by scripts/test-workloads and scripts/demo --workloads. Source it with
# `root` (the repository) set; then:
#
#   workloads_start <work dir>     start the embedded AWS unless it runs (exports
#                                  its environment), CHECKPOINT_DISABLE,
#                                  TF_IN_AUTOMATION and TF_VAR_external_id
#   workloads_stop                 stop the embedded AWS if workloads_start started it
#   workloads_copy <from dir> [<base-infra inputs dir>]
#                                  copies of its two account directories and of
#                                  terraform-base-infra (as "networking", with the
#                                  workloads.auto.tfvars.json of the inputs dir,
#                                  terraform-base-infra's own by default) in the
#                                  work dir, with local state (the consumer reads
#                                  the provider's state file)
#   workloads_pipeline_users       in the networking account and each workload
#                                  account, the IAM user Terraform runs as (as a
#                                  pipeline's identity in that account would be)
#   workloads_networking           terraform-base-infra applied in the networking
#                                  account, workspaces dev, staging and prod: per
#                                  environment a transit gateway shared through RAM
#                                  with the workload accounts, /<env>/connectivity/*
#                                  and the connectivity reader role
#   workloads_networking_destroy   terraform-base-infra destroyed, every workspace
#   workloads_tf <account> <args>  terraform ($terraform, else the one on PATH) in the
#                                  account's copy, with the key of its IAM user (as
#                                  a pipeline of that account would run)
#   workloads_init <account>       terraform init
#   workloads_apply <account>      workspace dev (created if new), apply (progress
#                                  on stderr)
#   workloads_destroy <account>    destroy its dev workspace
#   aws_py <action> <args>         scripts/lib/workloads_aws.py (see there)
#
# Logs go to <work dir>/<account>-<step>.log; a failing step shows the log's
# end and exits 1.

workloads_provider=orders-provider
workloads_consumer=storefront-consumer
# terraform-base-infra's copy in the work dir (the networking account).
workloads_networking=networking
workloads_environments="dev staging prod"
workloads_started_aws=false

# privatelink-gen, from the repository root: $PRIVATELINK_GEN_BINARY when
# set (scripts/test's build), otherwise built and run by cargo.
# shellcheck disable=SC2317  # called by the sourcing script
workloads_gen() { # <privatelink-gen arguments...>
  if [ -n "${PRIVATELINK_GEN_BINARY:-}" ]; then
    (cd "$root" && "$PRIVATELINK_GEN_BINARY" "$@")
  else
    (cd "$root" && cargo run --quiet -p privatelink-gen -- "$@")
  fi
}

# shellcheck disable=SC2317  # called by the sourcing script
workloads_fail() {
  printf '%s: FAIL: %s\n' "$(basename "$0")" "$*" >&2
  exit 1
}

workloads_account_id() { # <account>
  case $1 in
    "$workloads_networking") echo 111111111111 ;;
    "$workloads_provider") echo 222222222222 ;;
    "$workloads_consumer") echo 333333333333 ;;
    *) workloads_fail "unknown workload account $1" ;;
  esac
}

aws_py() {
  "$root/.venv/bin/python" "$root/scripts/lib/workloads_aws.py" "$@"
}

workloads_start() { # <work dir>
  workloads_work=$1
  export CHECKPOINT_DISABLE=1 TF_IN_AUTOMATION=1
  export TF_VAR_external_id=0123456789abcdef0123
  # terraform-base-infra takes one per environment (the same one here).
  export TF_VAR_external_ids="{\"dev\":\"$TF_VAR_external_id\",\"staging\":\"$TF_VAR_external_id\",\"prod\":\"$TF_VAR_external_id\"}"
  if ! "$root/scripts/local-aws" status >/dev/null 2>&1; then
    "$root/scripts/local-aws" start >/dev/null
    workloads_started_aws=true
  fi
  eval "$("$root/scripts/local-aws" env)"
}

workloads_stop() {
  if $workloads_started_aws; then "$root/scripts/local-aws" stop >/dev/null || true; fi
}

workloads_copy() { # <directory holding the generated account directories> [<base-infra inputs dir>]
  local acct inputs=${2:-$root/terraform-base-infra}
  for acct in $workloads_provider $workloads_consumer; do
    cp -r "$1/$acct" "$workloads_work/$acct"
    printf 'terraform {\n  backend "local" {}\n}\n' >"$workloads_work/$acct/backend_override.tf"
  done
  cat >"$workloads_work/$workloads_consumer/endpoints_override.tf" <<EOF
data "terraform_remote_state" "orders_provider" {
  backend = "local"
  config = {
    path          = "$workloads_work/$workloads_provider/terraform.tfstate"
    workspace_dir = "$workloads_work/$workloads_provider/terraform.tfstate.d"
  }
}
EOF
  # terraform-base-infra's root module (its bootstrap/ and examples/ are not
  # needed), with the catalog's inputs.
  local networking=$workloads_work/$workloads_networking
  mkdir -p "$networking"
  cp "$root"/terraform-base-infra/*.tf "$networking/"
  cp "$inputs/workloads.auto.tfvars.json" "$networking/"
  printf 'terraform {\n  backend "local" {}\n}\n' >"$networking/backend_override.tf"
}

workloads_pipeline_users() {
  local account key secret acct
  aws_py pipeline-users >"$workloads_work/credentials"
  while read -r account key secret; do
    for acct in $workloads_networking $workloads_provider $workloads_consumer; do
      [ "$(workloads_account_id $acct)" = "$account" ] && echo "$key $secret" >"$workloads_work/$acct.credentials"
    done
  done <"$workloads_work/credentials"
  return 0
}

workloads_networking() {
  local env
  workloads_init $workloads_networking
  for env in $workloads_environments; do
    workloads_apply $workloads_networking "$env"
    echo "terraform-base-infra applied ($env): transit gateway $(workloads_tf $workloads_networking output -raw transit_gateway_id)"
  done
}

workloads_networking_destroy() {
  local env
  for env in $workloads_environments; do
    workloads_destroy $workloads_networking "$env"
  done
}

workloads_tf() { # <account> <terraform args...>
  local dir=$workloads_work/$1 key secret
  read -r key secret <"$workloads_work/$1.credentials"
  shift
  AWS_ACCESS_KEY_ID=$key AWS_SECRET_ACCESS_KEY=$secret "${terraform:-terraform}" -chdir="$dir" "$@"
}

# Runs `workloads_tf <account> <args>` into <log>, printing every resource
# that finished (and a line every 30 s of a long create or destroy) to stderr.
workloads_logged() { # <log> <account> <terraform args...>
  local log=$1
  shift
  workloads_tf "$@" >"$log" 2>&1 &
  local pid=$! seen=0 now
  while kill -0 $pid 2>/dev/null; do
    sleep 2
    now=$(wc -l <"$log")
    if [ "$now" -gt "$seen" ]; then
      sed -n "$((seen + 1)),${now}p" "$log" |
        grep -E ': (Creation|Destruction|Modifications) complete|Still (creating|destroying)\.\.\. \[[0-9]*m?[03]0s' |
        sed 's/^/    /' >&2 || true
      seen=$now
    fi
  done
  wait $pid
}

workloads_init() { # <account>
  workloads_tf "$1" init -input=false -no-color >"$workloads_work/$1-init.log" 2>&1 ||
    { tail -n 20 "$workloads_work/$1-init.log" >&2; workloads_fail "$1: init"; }
}

# Selects (creating it if new) the workspace of an environment.
workloads_workspace() { # <account> <environment>
  workloads_tf "$1" workspace new "$2" >/dev/null 2>&1 || workloads_tf "$1" workspace select "$2" >/dev/null
}

workloads_apply() { # <account> [environment, default dev]
  local acct=$1 env=${2:-dev}
  local log=$workloads_work/$acct-$env
  [ "$env" = dev ] && log=$workloads_work/$acct
  workloads_workspace "$acct" "$env"
  workloads_logged "$log-apply.log" "$acct" apply -input=false -auto-approve -no-color ||
    { tail -n 60 "$log-apply.log" >&2; workloads_fail "$acct: apply ($env)"; }
}

workloads_destroy() { # <account> [environment, default dev]
  local acct=$1 env=${2:-dev}
  local log=$workloads_work/$acct-$env
  [ "$env" = dev ] && log=$workloads_work/$acct
  workloads_tf "$acct" workspace select "$env" >/dev/null
  workloads_logged "$log-destroy.log" "$acct" destroy -input=false -auto-approve -no-color ||
    { tail -n 40 "$log-destroy.log" >&2; workloads_fail "$acct: destroy ($env)"; }
}
