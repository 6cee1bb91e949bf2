#!/usr/bin/env bash
# Side-by-side load test of cache hits: dmm-edge vs Debian nginx with proxy_cache (cache on
# tmpfs), both in front of the same origin (a separate nginx serving files with
# Cache-Control: max-age=3600). Loopback only. Each server is pinned to CPU 0 (nginx: one
# worker; dmm-edge: one event loop), wrk to CPU 1; same connections and duration for both.
#
# Usage: benchmarks/load/run.sh [DURATION_SECONDS] [CONNECTIONS]
# Needs: nginx, wrk, taskset (util-linux), java 17, the dmm-edge jar (built on demand).
# Prints one row per (size, server) and the dmm-edge/nginx ratios.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
duration="${1:-10}"
connections="${2:-32}"
work="$(mktemp -d /tmp/dmm-edge-load.XXXXXX)"
cache_dir="/dev/shm/dmm-edge-load-nginx-cache.$$"
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
origin_port=$(free_port); edge_port=$(free_port); nginx_port=$(free_port)
pids=()

cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$work" "$cache_dir"
}
trap cleanup EXIT

for tool in nginx wrk taskset java curl python3; do
  command -v "$tool" >/dev/null || { echo "run.sh: $tool is not installed" >&2; exit 2; }
done
[ -f "$root/edge-node/target/dmm-edge.jar" ] || (cd "$root" && mvn -B -q -ntp -DskipTests \
  -Dmaven.test.skip=true package -pl edge-node -am >&2)

# The objects: DASH-segment-like sizes.
mkdir -p "$work/www" "$work/logs" "$cache_dir"
head -c 4096 /dev/urandom > "$work/www/4k.bin"
head -c 102400 /dev/urandom > "$work/www/100k.bin"
head -c 2097152 /dev/urandom > "$work/www/2m.bin"

nginx_conf() { # name port body
  cat > "$work/$1.conf" <<CONF
user root;
worker_processes 1;
daemon off;
pid $work/$1.pid;
error_log $work/logs/$1.error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  sendfile on; tcp_nodelay on;
  keepalive_requests 1000000;
  $3
}
CONF
}

nginx_conf origin "$origin_port" "
  server {
    listen 127.0.0.1:$origin_port;
    root $work/www;
    location / { add_header Cache-Control \"max-age=3600\"; }
  }"
nginx_conf cache "$nginx_port" "
  proxy_cache_path $cache_dir levels=1:2 keys_zone=edge:64m max_size=1g inactive=1h use_temp_path=off;
  server {
    listen 127.0.0.1:$nginx_port;
    location / {
      proxy_pass http://127.0.0.1:$origin_port;
      proxy_http_version 1.1;
      proxy_set_header Connection \"\";
      proxy_cache edge;
      proxy_cache_lock on;
      proxy_cache_valid 200 1h;
      add_header X-Cache \$upstream_cache_status;
    }
  }"
cat > "$work/edge.yaml" <<CONF
name: bench-edge
server: {listen: "127.0.0.1:$edge_port", mode: reverse, ioThreads: 1}
origins: {default: "http://127.0.0.1:$origin_port"}
cache: {memoryBudget: 256MiB}
accessLog: false
CONF

nginx -p "$work" -c "$work/origin.conf" & pids+=($!)
taskset -c 0 nginx -p "$work" -c "$work/cache.conf" & pids+=($!)
taskset -c 0 java -Xms512m -Xmx512m -XX:+UseSerialGC -Xmn256m ${DMM_EDGE_JAVA_OPTS:-} \
  -jar "$root/edge-node/target/dmm-edge.jar" edge --config "$work/edge.yaml" \
  > "$work/logs/edge.log" 2>&1 & pids+=($!)

wait_port() {
  for _ in $(seq 1 100); do
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0
    sleep 0.1
  done
  echo "run.sh: nothing listens on port $1" >&2; exit 1
}
wait_port "$origin_port"; wait_port "$nginx_port"; wait_port "$edge_port"

# Warm both caches (and the JVM's JIT) on every object.
for f in 4k 100k 2m; do
  for port in "$edge_port" "$nginx_port"; do
    for _ in 1 2 3; do curl -s -m 10 -o /dev/null "http://127.0.0.1:$port/$f.bin"; done
    status=$(curl -s -m 10 -o /dev/null -D - "http://127.0.0.1:$port/$f.bin" | tr -d '\r' \
      | awk -F': ' 'tolower($1)=="x-cache"{print $2}')
    [ "$status" = "HIT" ] || { echo "run.sh: $f.bin on port $port is not a hit ($status)" >&2; exit 1; }
  done
  taskset -c 1 wrk -t1 -c"$connections" -d3s "http://127.0.0.1:$edge_port/$f.bin" >/dev/null
done

# wrk's numbers as "req/s MB/s p50_ms p99_ms".
measure() {
  taskset -c 1 wrk -t1 -c"$connections" -d"${duration}s" --latency "$1" | awk '
    function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0;
                     if (v ~ /s$/) return v * 1000; return v }
    function mb(v) { if (v ~ /GB$/) return v * 1024; if (v ~ /MB$/) return v + 0;
                     if (v ~ /KB$/) return v / 1024; return v / 1048576 }
    /Requests\/sec/ { rps = $2 } /Transfer\/sec/ { tps = mb($2) }
    $1 == "50%" { p50 = ms($2) } $1 == "99%" { p99 = ms($2) }
    /Non-2xx|Socket errors/ { errors = errors $0 " " }
    END { printf "%.0f %.1f %.2f %.2f %s\n", rps, tps, p50, p99, errors }'
}

printf '%-6s %-9s %10s %9s %9s %9s\n' size server "req/s" "MB/s" "p50 ms" "p99 ms"
declare -A result
for f in 4k 100k 2m; do
  for server in dmm-edge nginx; do
    port=$edge_port; [ "$server" = nginx ] && port=$nginx_port
    line=$(measure "http://127.0.0.1:$port/$f.bin")
    result[$f.$server]="$line"
    read -r rps mbs p50 p99 errors <<<"$line"
    printf '%-6s %-9s %10s %9s %9s %9s %s\n' "$f" "$server" "$rps" "$mbs" "$p50" "$p99" "$errors"
  done
done
echo
printf '%-6s %16s %16s\n' size "req/s ratio" "p99 ratio"
for f in 4k 100k 2m; do
  read -r e_rps _ _ e_p99 _ <<<"${result[$f.dmm-edge]}"
  read -r n_rps _ _ n_p99 _ <<<"${result[$f.nginx]}"
  awk -v f="$f" -v a="$e_rps" -v b="$n_rps" -v c="$e_p99" -v d="$n_p99" \
    'BEGIN { printf "%-6s %15.2fx %15.2fx\n", f, a / b, (d > 0 ? c / d : 0) }'
done
echo "(ratios are dmm-edge / nginx: req/s above 1.0 and p99 below 1.0 favour dmm-edge)"
