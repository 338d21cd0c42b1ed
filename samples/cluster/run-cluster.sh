#!/usr/bin/env bash
# A cluster on one machine, for trying scale-out: PostgreSQL (shared store), Redis (backplane, node bus, counters),
# N server nodes and nginx in front, all on loopback. Ctrl+C stops everything; the data stays in the work folder.
#
#   samples/cluster/run-cluster.sh [nodes]        # default 3 nodes; open http://127.0.0.1:8080
#
# Needs the Debian packages postgresql, redis-server and nginx, and the .NET SDK. Ports: CLUSTER_PORT (8080) for
# nginx, then PostgreSQL on 55432, Redis on 56379 and the nodes on 5101, 5102, ... The work folder is
# CLUSTER_DIR (default: a new temporary folder): PostgreSQL's data, the nodes' shared blob folder, logs.
set -euo pipefail
nodes=${1:-3}
root=$(cd "$(dirname "$0")/../.." && pwd)
work=${CLUSTER_DIR:-$(mktemp -d -t collab-cluster-XXXXXX)}
balancer_port=${CLUSTER_PORT:-8080}
pg_port=55432
redis_port=56379
first_node_port=5101
pg_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
pids=()

# PostgreSQL refuses to run as root; as root it runs as the postgres user the Debian package creates.
as_postgres() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

stop_all() {
  echo "==> stopping"
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  as_postgres "$pg_bin/pg_ctl" -D "$work/pg" -m fast -w stop >/dev/null 2>&1 || true
  echo "data kept in $work"
}
trap stop_all EXIT
# Ctrl+C or a kill: leave through the EXIT trap, so PostgreSQL and the nodes are stopped too.
trap 'exit 130' INT
trap 'exit 143' TERM

mkdir -p "$work/shared" "$work/logs" "$work/nginx"
[ "$(id -u)" = 0 ] && chown postgres:postgres "$work"

echo "==> PostgreSQL on 127.0.0.1:$pg_port"
[ -d "$work/pg" ] || as_postgres "$pg_bin/initdb" -D "$work/pg" -U postgres --auth=trust --encoding=UTF8 >/dev/null
as_postgres "$pg_bin/pg_ctl" -D "$work/pg" -l "$work/postgres.log" -w \
  -o "-p $pg_port -k $work -c listen_addresses=127.0.0.1" start >/dev/null
as_postgres psql -h 127.0.0.1 -p "$pg_port" -U postgres -tc "SELECT 1 FROM pg_database WHERE datname = 'collab'" | grep -q 1 \
  || as_postgres psql -h 127.0.0.1 -p "$pg_port" -U postgres -c "CREATE DATABASE collab" >/dev/null

echo "==> Redis on 127.0.0.1:$redis_port"
redis-server --port "$redis_port" --bind 127.0.0.1 --save "" --appendonly no >"$work/logs/redis.log" 2>&1 &
pids+=($!)

echo "==> building the server"
dotnet build "$root/src/ETwinning.Collab.Server" -c Release --nologo -v quiet -clp:ErrorsOnly
server_dll="$root/src/ETwinning.Collab.Server/bin/Release/net10.0/ETwinning.Collab.Server.dll"

upstreams=""
for i in $(seq 1 "$nodes"); do
  port=$((first_node_port + i - 1))
  echo "==> node $i on 127.0.0.1:$port"
  # Every node: the same database, Redis and shared folder (blobs and the token signing key live there).
  # The demo TwinSpace is created by node 1 only, so that nodes starting together do not each make one.
  (cd "$(dirname "$server_dll")" && \
    ASPNETCORE_URLS="http://127.0.0.1:$port" \
    Storage__Provider=Postgres \
    Storage__Postgres__ConnectionString="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=collab" \
    Storage__DataDirectory="$work/shared" \
    Redis__ConnectionString="127.0.0.1:$redis_port" \
    Http__KnownProxies__0=127.0.0.1 \
    Demo__Enabled=$([ "$i" = 1 ] && echo true || echo false) \
    dotnet "$server_dll" >"$work/logs/node$i.log" 2>&1) &
  pids+=($!)
  upstreams+="        server 127.0.0.1:$port max_fails=1 fail_timeout=5s;"$'\n'
  # Node 1 applies the schema and seeds the demo before the others start.
  if [ "$i" = 1 ]; then
    until curl -fs "http://127.0.0.1:$port/health/ready" >/dev/null; do sleep 0.5; done
  fi
done

echo "==> nginx on 127.0.0.1:$balancer_port"
user_line=""; [ "$(id -u)" = 0 ] && user_line="user root;"
UPSTREAMS="${upstreams%$'\n'}" USER_LINE="$user_line" PREFIX="$work/nginx" LISTEN="127.0.0.1:$balancer_port" awk '{
  gsub("\\{\\{UPSTREAMS\\}\\}", ENVIRON["UPSTREAMS"]); gsub("\\{\\{USER\\}\\}", ENVIRON["USER_LINE"]);
  gsub("\\{\\{PREFIX\\}\\}", ENVIRON["PREFIX"]); gsub("\\{\\{LISTEN\\}\\}", ENVIRON["LISTEN"]); print }' \
  "$root/samples/cluster/nginx.conf.template" >"$work/nginx/nginx.conf"
/usr/sbin/nginx -p "$work/nginx" -c "$work/nginx/nginx.conf" &
pids+=($!)

echo "==> open http://127.0.0.1:$balancer_port (the demo logins are in $work/logs/node1.log); Ctrl+C stops"
wait
