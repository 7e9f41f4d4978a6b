#!/bin/sh
# One-shot Citus membership (the compose service citus-init): waits until the coordinator and every
# worker accept TCP connections, registers the coordinator's host name and adds each worker that is
# not in pg_dist_node yet. Running it again changes nothing. Connection settings come from the
# standard libpq variables (PGUSER, PGPASSWORD) and POSTGRES_DB.
set -eu

coordinator=${CITUS_COORDINATOR:-citus-coordinator}
workers=${CITUS_WORKERS:-citus-worker-1 citus-worker-2}
port=${CITUS_PORT:-5432}
export PGDATABASE="${POSTGRES_DB:-chat}"
export PGUSER="${PGUSER:-${POSTGRES_USER:-chat}}"
export PGCONNECT_TIMEOUT=5

log() { printf 'citus-init: %s\n' "$*"; }

wait_for() {
  tries=0
  until pg_isready -q -h "$1" -p "$port" -d "$PGDATABASE" -U "$PGUSER"; do
    tries=$((tries + 1))
    if [ "$tries" -ge 90 ]; then
      log "$1:$port did not accept connections within 180 s" >&2
      exit 1
    fi
    sleep 2
  done
}

sql() { psql -X -q -t -A -v ON_ERROR_STOP=1 -h "$coordinator" -p "$port" "$@"; }

# shellcheck disable=SC2086 # $workers is a space-separated list
for node in "$coordinator" $workers; do
  wait_for "$node"
done

sql -v host="$coordinator" -v port="$port" >/dev/null <<'SQL'
SELECT citus_set_coordinator_host(:'host', :'port'::int);
SQL

# shellcheck disable=SC2086
for worker in $workers; do
  sql -v host="$worker" -v port="$port" >/dev/null <<'SQL'
SELECT citus_add_node(:'host', :'port'::int)
WHERE NOT EXISTS (SELECT 1 FROM pg_dist_node WHERE nodename = :'host' AND nodeport = :'port'::int);
SQL
done

active=$(sql -c "SELECT count(*) FROM pg_dist_node WHERE noderole = 'primary' AND isactive AND groupid <> 0")
# shellcheck disable=SC2086
expected=$(echo $workers | wc -w)
if [ "$active" -lt "$expected" ]; then
  log "only $active of $expected workers are active" >&2
  exit 1
fi
log "coordinator $coordinator, $active active workers:"
sql -c "SELECT nodename || ':' || nodeport FROM pg_dist_node WHERE groupid <> 0 ORDER BY nodeid"
