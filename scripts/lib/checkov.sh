# checkov in its own virtualenv (.venv-checkov), shared by
# scripts/test-base-accounts and scripts/test-workloads, which may run at
# the same time. Source it with `root` (the repository) set; then:
#
#   checkov_ready [<seconds>]   creates or updates the virtualenv when
#                               harness/requirements-checkov.txt changed
#                               (each step limited to <seconds>, default 600),
#                               one caller at a time; prints the checkov to run
#
# checkov pins a boto3 that conflicts with moto's (harness/requirements.txt),
# hence a virtualenv of its own.

checkov_ready() { # [<seconds>]
  local limit=${1:-600}
  local venv="$root/.venv-checkov" req="$root/harness/requirements-checkov.txt" want
  want=$(sha256sum "$req" | cut -d' ' -f1)
  mkdir -p "$root/.local"
  (
    # One installer at a time: the other waits, then finds it done.
    flock 9
    if [ ! -x "$venv/bin/checkov" ] || [ "$(cat "$venv/.requirements.sha256" 2>/dev/null)" != "$want" ]; then
      echo "installing checkov into $venv (about a minute)" >&2
      timeout --kill-after=30s "$limit" python3 -m venv "$venv" >&2
      # Keep the virtualenv out of git status without touching .gitignore.
      printf '*\n' >"$venv/.gitignore"
      timeout --kill-after=30s "$limit" "$venv/bin/pip" install --quiet --disable-pip-version-check -r "$req" >&2
      echo "$want" >"$venv/.requirements.sha256"
    fi
  ) 9>"$root/.local/checkov.lock" || { echo "checkov could not be installed into $venv" >&2; return 1; }
  echo "$venv/bin/checkov"
}
