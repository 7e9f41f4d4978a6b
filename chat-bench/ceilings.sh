#!/usr/bin/env bash
# The raw ceilings of this machine, measured in one run, then the service's figures as ratios of them.
#
#   chat-bench/ceilings.sh [--out DIR] [--quick] [results.json ...]
#
# Measures, each for DURATION seconds (15 by default) after a short warm-up:
#   1. the raw SQL send transaction with pgbench, PG_CLIENTS (8) clients: upsert the conversation with
#      last_seq + 1, insert the message, insert its message_locations row, upsert both
#      user_conversations rows, commit (the service's own statements, without the service: the
#      scripts are written by chat-bench.jar pgbench-scripts from the adapter's MessageStatements);
#   2. the newest-50 history query with pgbench, PG_CLIENTS clients;
#   3. redis-benchmark GET of a value the size of a real cached history page (REDIS_CLIENTS
#      clients, 16 by default);
#   4. a bare Javalin endpoint (chat-bench's BareServer, JDK 25, virtual threads) returning a JSON of
#      the size of a real history page, under the same load tool as the service (chat-bench get,
#      HTTP_CONNECTIONS = 64 connections), and under wrk for comparison;
#   5. IDLE_WS (5,000) idle WebSockets on the bare server: its resident memory (RSS).
# pgbench works in its own database (CEILING_DB, chat_bench_ceiling), seeded with the same data set
# as read-cold (1,000 users, 5,000 conversations, 1M messages; seeded once, reused afterwards): it
# never touches the service's data. The Redis test uses its own key in database 15.
#
# Then, given results files of the scenarios (--json of chat-bench.jar), it prints each service figure
# beside its ceiling (java -jar chat-bench.jar ratios --ceilings DIR results.json... does that again
# later without measuring). Run it with the service idle (or stopped): the ceilings need the cores.
#
# Environment (defaults): JAVA (JDK 25), PGHOST (127.0.0.1) PGPORT (5432) PGUSER (postgres)
# CEILING_DB (chat_bench_ceiling), REDIS_HOST (127.0.0.1) REDIS_PORT (6379), REDIS_PREFIX (chat:, the
# service's key prefix, to measure a real page), DURATION (15), PG_CLIENTS (8), REDIS_CLIENTS (16),
# HTTP_CONNECTIONS (64), IDLE_WS (5000; 0 skips), BARE_PORT (18090), PAGE_BYTES (measured),
# SEED_USERS (1000) SEED_CONVERSATIONS (5000) SEED_MESSAGES (1000000).
# --quick: 5-second runs, 1,000 WebSockets, 100k seeded messages (to check the script, not to measure).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
jar="$here/target/chat-bench.jar"
out=""
results=()
quick=false
while [ $# -gt 0 ]; do
    case "$1" in
        --out) out="$2"; shift 2 ;;
        --quick) quick=true; shift ;;
        -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//'; exit 0 ;;
        -*) echo "unknown option $1" >&2; exit 2 ;;
        *) results+=("$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"); shift ;;
    esac
done

JAVA="${JAVA:-}"
if [ -z "$JAVA" ]; then
    for candidate in /usr/lib/jvm/temurin-25-jdk-amd64/bin/java "${JAVA_HOME:-/nonexistent}/bin/java" java; do
        if command -v "$candidate" >/dev/null 2>&1; then JAVA="$candidate"; break; fi
    done
fi
PGHOST="${PGHOST:-127.0.0.1}"; PGPORT="${PGPORT:-5432}"; PGUSER="${PGUSER:-postgres}"
export PGHOST PGPORT PGUSER
CEILING_DB="${CEILING_DB:-chat_bench_ceiling}"
REDIS_HOST="${REDIS_HOST:-127.0.0.1}"; REDIS_PORT="${REDIS_PORT:-6379}"; REDIS_PREFIX="${REDIS_PREFIX:-chat:}"
DURATION="${DURATION:-15}"; WARMUP="${WARMUP:-5}"
PG_CLIENTS="${PG_CLIENTS:-8}"; REDIS_CLIENTS="${REDIS_CLIENTS:-16}"; HTTP_CONNECTIONS="${HTTP_CONNECTIONS:-64}"
IDLE_WS="${IDLE_WS:-5000}"; BARE_PORT="${BARE_PORT:-18090}"
SEED_USERS="${SEED_USERS:-1000}"; SEED_CONVERSATIONS="${SEED_CONVERSATIONS:-5000}"; SEED_MESSAGES="${SEED_MESSAGES:-1000000}"
SEED_PREFIX="cold"
if $quick; then
    DURATION=5; WARMUP=2; IDLE_WS=$([ "$IDLE_WS" = 0 ] && echo 0 || echo 1000)
    SEED_USERS=200; SEED_CONVERSATIONS=1000; SEED_MESSAGES=100000; SEED_PREFIX="quick"
fi
out="${out:-$here/target/ceilings-$(date -u +%Y%m%dT%H%M%SZ)}"
mkdir -p "$out"
echo "ceilings: writing to $out"

# ---- tools ------------------------------------------------------------------------------------
need() { # command debian-package
    if ! command -v "$1" >/dev/null 2>&1; then
        echo "installing $2 (for $1)"
        if [ -z "${apt_updated:-}" ]; then apt-get update -qq; apt_updated=1; fi
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$2" >/dev/null
    fi
}
need psql postgresql-client
need pgbench postgresql-client
need redis-benchmark redis-tools
need redis-cli redis-tools
need wrk wrk
need jq jq
if [ ! -f "$jar" ]; then
    echo "no $jar: build it first (mvn -q -DskipTests -Djacoco.skip=true package -pl chat-bench -am)" >&2
    exit 1
fi
if [ "$("$JAVA" -XshowSettings:properties -version 2>&1 | sed -n 's/ *java.specification.version = //p')" -lt 21 ] 2>/dev/null; then
    echo "warning: $JAVA is older than 21: the bare server and the load tool run without virtual threads" >&2
fi

# ---- the machine -------------------------------------------------------------------------------
{
    echo "machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')), $(free -g | awk '/^Mem:/{print $2}') GiB memory, $(uname -sr)"
    echo "java: $("$JAVA" -version 2>&1 | head -1)"
    echo "postgresql: $(psql -d postgres -Atc 'show server_version' 2>/dev/null || echo '?'), redis: $(redis-cli -h "$REDIS_HOST" -p "$REDIS_PORT" info server 2>/dev/null | sed -n 's/^redis_version://p' | tr -d '\r')"
    echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
} | tee "$out/machine.txt"

# ---- page sizes: from the results of read-cached, and from Redis itself -------------------------
page_bytes="${PAGE_BYTES:-}"
if [ -z "$page_bytes" ]; then
    for r in "${results[@]}"; do
        b=$(jq -r 'select(.scenario=="read-cached") | .operations[] | select(.name=="history") | .mean_response_bytes' "$r" 2>/dev/null || true)
        if [ -n "$b" ] && [ "$b" != "null" ]; then page_bytes=$(printf '%.0f' "$b"); break; fi
    done
fi
if [ -z "$page_bytes" ]; then
    page_bytes=2048
    echo "no read-cached results given: using a page of $page_bytes bytes (set PAGE_BYTES, or pass the results)"
fi
redis_bytes=""
keys=$(redis-cli -h "$REDIS_HOST" -p "$REDIS_PORT" --scan --pattern "${REDIS_PREFIX}history:*" --count 1000 2>/dev/null | head -50 || true)
if [ -n "$keys" ]; then
    total=0; n=0
    while read -r key; do
        len=$(redis-cli -h "$REDIS_HOST" -p "$REDIS_PORT" strlen "$key" 2>/dev/null || echo 0)
        if [ "$len" -gt 0 ]; then total=$((total + len)); n=$((n + 1)); fi
    done <<< "$keys"
    [ "$n" -gt 0 ] && redis_bytes=$((total / n))
fi
if [ -z "$redis_bytes" ]; then
    redis_bytes="$page_bytes"
    echo "no cached history page in Redis under ${REDIS_PREFIX}: using the HTTP page size for the Redis value"
fi
echo "$redis_bytes" > "$out/redis-value-bytes.txt"
echo "history page: $page_bytes bytes of HTTP JSON, $redis_bytes bytes cached in Redis"

# ---- PostgreSQL: the ceiling database, seeded like read-cold -----------------------------------
if ! psql -d postgres -Atc "select 1 from pg_database where datname = '$CEILING_DB'" | grep -q 1; then
    psql -d postgres -qc "create database $CEILING_DB"
fi
"$JAVA" -jar "$jar" seed --database-url "jdbc:postgresql://$PGHOST:$PGPORT/$CEILING_DB?user=$PGUSER" --schema ceiling \
    --migrate --seed-prefix "$SEED_PREFIX" --seed-users "$SEED_USERS" --conversations "$SEED_CONVERSATIONS" \
    --messages "$SEED_MESSAGES" --layout-json "$out/layout.json" | tee "$out/seed.txt"
ubase=$(jq -r .base_user_id "$out/layout.json"); users=$(jq -r .users "$out/layout.json"); convs=$(jq -r .conversations "$out/layout.json")

# send.sql and history.sql: the service's own statements (adapter-postgres-citus MessageStatements),
# over random conversations of the seeded layout
"$JAVA" -jar "$jar" pgbench-scripts --out "$out"

pgbench_run() { # script label
    local args=(-n -M prepared -c "$PG_CLIENTS" -j 2 -D "ubase=$ubase" -D "users=$users" -D "convs=$convs" -f "$out/$1.sql" "$CEILING_DB")
    PGOPTIONS='-c search_path=ceiling' pgbench -T "$WARMUP" "${args[@]}" >/dev/null 2>&1
    echo "pgbench $2: $PG_CLIENTS clients, ${DURATION} s"
    PGOPTIONS='-c search_path=ceiling' pgbench -T "$DURATION" -P 5 "${args[@]}" > "$out/pgbench-$1.txt" 2> "$out/pgbench-$1.progress"
    grep -E '^(tps|latency average)' "$out/pgbench-$1.txt" | sed 's/^/  /'
}
pgbench_run send "send transaction"
pgbench_run history "newest-50 query"

# ---- Redis: GET of a page-sized value -----------------------------------------------------------
value=$(head -c "$redis_bytes" /dev/zero | tr '\0' 'x')
redis-cli -h "$REDIS_HOST" -p "$REDIS_PORT" -n 15 set bench:ceiling:page "$value" >/dev/null
requests=$((DURATION * 60000))
echo "redis-benchmark GET of $redis_bytes bytes: $REDIS_CLIENTS clients, $requests requests"
redis-benchmark -h "$REDIS_HOST" -p "$REDIS_PORT" --dbnum 15 -c "$REDIS_CLIENTS" -n "$requests" --csv \
    GET bench:ceiling:page > "$out/redis-get.csv"
redis-cli -h "$REDIS_HOST" -p "$REDIS_PORT" -n 15 del bench:ceiling:page >/dev/null
sed 's/^/  /' "$out/redis-get.csv"

# ---- the bare Javalin endpoint, and idle WebSockets ----------------------------------------------
"$JAVA" -Xmx512m -jar "$jar" bare-server --port "$BARE_PORT" --bytes "$page_bytes" > "$out/bare-server.log" 2>&1 &
bare_pid=$!
trap 'kill $bare_pid 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do
    curl -fs "http://127.0.0.1:$BARE_PORT/" >/dev/null 2>&1 && break
    sleep 0.2
done
sed 's/^/  /' "$out/bare-server.log"
if [ "$IDLE_WS" -gt 0 ]; then
    echo "idle WebSockets: $IDLE_WS on the bare server"
    "$JAVA" -jar "$jar" idle-ws --url "http://127.0.0.1:$BARE_PORT" --connections "$IDLE_WS" --connect-rate 2000 \
        --hold 5s --server-pid "$bare_pid" --json "$out/idle-ws.json" > "$out/idle-ws.txt" 2>&1
    grep -E '^(connected|server RSS|note)' "$out/idle-ws.txt" | sed 's/^/  /'
fi
# warm the server's JIT up before either measurement, so that neither tool pays for it
wrk -t2 -c"$HTTP_CONNECTIONS" -d"${WARMUP}s" "http://127.0.0.1:$BARE_PORT/page" >/dev/null
echo "bare endpoint: chat-bench get, $HTTP_CONNECTIONS connections, ${DURATION} s"
"$JAVA" -jar "$jar" get --url "http://127.0.0.1:$BARE_PORT" --path /page --users "$HTTP_CONNECTIONS" \
    --duration "${DURATION}s" --warmup "${WARMUP}s" --json "$out/bare-http.json" > "$out/bare-http.txt" 2>&1
grep -E '^get ' "$out/bare-http.txt" | sed 's/^/  /'
echo "bare endpoint: wrk, $HTTP_CONNECTIONS connections, ${DURATION} s"
wrk -t2 -c"$HTTP_CONNECTIONS" -d"${DURATION}s" --latency "http://127.0.0.1:$BARE_PORT/page" > "$out/bare-http-wrk.txt"
grep -E 'Requests/sec|  99%' "$out/bare-http-wrk.txt" | sed 's/^/  /'
kill "$bare_pid" 2>/dev/null || true
wait "$bare_pid" 2>/dev/null || true
trap - EXIT

# ---- the report ---------------------------------------------------------------------------------
echo
"$JAVA" -jar "$jar" ratios --ceilings "$out" --json "$out/ratios.json" "${results[@]}"
