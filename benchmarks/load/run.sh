#!/usr/bin/env bash
# Side-by-side load test of cache hits: dmm-edge vs Debian nginx with proxy_cache (cache on
# tmpfs), both in front of the same origin (a separate nginx serving files with
# Cache-Control: max-age=3600). Loopback only. Each server is pinned to CPU 0 (nginx: one
# worker; dmm-edge: one event loop), wrk to CPU 1; same connections and duration for both.
#
# Usage: benchmarks/load/run.sh [DURATION_SECONDS] [CONNECTIONS] [ROUNDS]
#   ROUNDS (default 2): every (size, server) cell is measured once per round, servers taking
#   turns within each size, so a burst of load from elsewhere hits both; ratios are per round.
#   DMM_EDGE_BASELINE_JAR=path: also runs that dmm-edge build (e.g. main's) as "baseline", with
#   the same settings, for a before/after in the same run.
#   DMM_EDGE_JAVA_OPTS: more JVM options (after the defaults below). SHOW_GC=1: every pause.
# Needs: nginx, wrk, taskset (util-linux), java 17, the dmm-edge jar (built on demand).
# Prints one row per (round, size, server), the ratios to nginx, and dmm-edge's GC pauses.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
duration="${1:-10}"
connections="${2:-32}"
rounds="${3:-2}"
baseline_jar="${DMM_EDGE_BASELINE_JAR:-}"
work="$(mktemp -d /tmp/dmm-edge-load.XXXXXX)"
cache_dir="/dev/shm/dmm-edge-load-nginx-cache.$$"
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
origin_port=$(free_port); edge_port=$(free_port); nginx_port=$(free_port)
base_port=$(free_port)
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
edge_yaml() { # port
  cat <<CONF
name: bench-edge
server: {listen: "127.0.0.1:$1", mode: reverse, ioThreads: 1}
admin: {listen: "127.0.0.1:$(free_port)"}
origins: {default: "http://127.0.0.1:$origin_port"}
cache: {memoryBudget: 256MiB}
accessLog: false
CONF
}
# The JVM settings an operator would pick for a node pinned to one core (README "Performance"):
# the launcher's (./dmm-edge edge): a fixed heap (no resizing pauses), SerialGC (one GC thread on the one core: no hand-offs
# between GC threads that would fight the event loop for it), a young generation large enough
# that a collection comes every few seconds, and the leak detector off (it is on, paranoid,
# in every test JVM; in production its sampling makes some stored bodies track every slice).
# MetaspaceSize: the default (about 21 MB) is crossed once classes are loaded under load, and that
# triggers a *full* collection (seen: 120 to 480 ms) in the middle of a run.
edge_java_opts="-Xms1g -Xmx1g -Xmn600m -XX:MetaspaceSize=128m -XX:+UseSerialGC
  -XX:+AlwaysPreTouch -Dio.netty.leakDetection.level=disabled"
start_edge() { # name jar port
  edge_yaml "$3" > "$work/$1.yaml"
  # shellcheck disable=SC2086
  taskset -c 0 java $edge_java_opts -Xlog:gc:file="$work/logs/$1.gc.log" \
    ${DMM_EDGE_JAVA_OPTS:-} -jar "$2" edge --config "$work/$1.yaml" \
    > "$work/logs/$1.log" 2>&1 & pids+=($!)
  server_pid[$1]=$!
}

declare -A server_pid
nginx -p "$work" -c "$work/origin.conf" & pids+=($!)
taskset -c 0 nginx -p "$work" -c "$work/cache.conf" & pids+=($!)
server_pid[nginx]=$!
start_edge dmm-edge "$root/edge-node/target/dmm-edge.jar" "$edge_port"
servers=(dmm-edge nginx)
if [ -n "$baseline_jar" ]; then
  start_edge baseline "$baseline_jar" "$base_port"
  servers=(dmm-edge baseline nginx)
fi
port_of() { case "$1" in dmm-edge) echo "$edge_port";; baseline) echo "$base_port";;
  *) echo "$nginx_port";; esac; }

wait_port() { # startup on a busy pinned core can take a while
  for _ in $(seq 1 300); do
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0
    sleep 0.1
  done
  echo "run.sh: nothing listens on port $1" >&2; tail -n 5 "$work"/logs/*.log >&2; exit 1
}
wait_port "$origin_port"; wait_port "$nginx_port"; wait_port "$edge_port"
[ -z "$baseline_jar" ] || wait_port "$base_port"

# Warm both caches (and the JVM's JIT) on every object.
for f in 4k 100k 2m; do
  for server in "${servers[@]}"; do
    port=$(port_of "$server")
    for _ in 1 2 3; do curl -s -m 10 -o /dev/null "http://127.0.0.1:$port/$f.bin"; done
    status=$(curl -s -m 10 -o /dev/null -D - "http://127.0.0.1:$port/$f.bin" | tr -d '\r' \
      | awk -F': ' 'tolower($1)=="x-cache"{print $2}')
    [ "$status" = "HIT" ] || { echo "run.sh: $f.bin on port $port is not a hit ($status)" >&2; exit 1; }
  done
  for server in "${servers[@]}"; do
    [ "$server" = nginx ] || taskset -c 1 wrk -t1 -c"$connections" -d6s \
      "http://127.0.0.1:$(port_of "$server")/$f.bin" >/dev/null
  done
done

# CPU time (clock ticks) used so far by a process and its children (nginx's worker): a measure
# of work per request that other load on the machine does not distort the way req/s is.
cpu_ticks() {
  local total=0 pid
  for pid in "$1" $(pgrep -P "$1" || true); do
    total=$((total + $(awk '{ print $14 + $15 }' "/proc/$pid/stat")))
  done
  echo "$total"
}

# wrk's numbers as "req/s MB/s p50_ms p99_ms cpu_us_per_request".
measure() { # server url
  local before after
  before=$(cpu_ticks "${server_pid[$1]}")
  taskset -c 1 wrk -t1 -c"$connections" -d"${duration}s" --latency "$2" > "$work/wrk.out"
  after=$(cpu_ticks "${server_pid[$1]}")
  awk -v ticks=$((after - before)) -v hz="$(getconf CLK_TCK)" '
    function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0;
                     if (v ~ /s$/) return v * 1000; return v }
    function mb(v) { if (v ~ /GB$/) return v * 1024; if (v ~ /MB$/) return v + 0;
                     if (v ~ /KB$/) return v / 1024; return v / 1048576 }
    /Requests\/sec/ { rps = $2 } /Transfer\/sec/ { tps = mb($2) }
    /requests in/ { requests = $1 }
    $1 == "50%" { p50 = ms($2) } $1 == "99%" { p99 = ms($2) }
    /Non-2xx|Socket errors/ { errors = errors $0 " " }
    END { printf "%.0f %.1f %.2f %.2f %.1f %s\n", rps, tps, p50, p99,
          (requests > 0 ? ticks * 1e6 / hz / requests : 0), errors }' "$work/wrk.out"
}

printf '%-5s %-6s %-9s %10s %9s %9s %9s %9s\n' round size server "req/s" "MB/s" "p50 ms" \
  "p99 ms" "CPU us/req"
declare -A result
for round in $(seq 1 "$rounds"); do
  for f in 4k 100k 2m; do
    for server in "${servers[@]}"; do
      line=$(measure "$server" "http://127.0.0.1:$(port_of "$server")/$f.bin")
      result[$round.$f.$server]="$line"
      read -r rps mbs p50 p99 cpu errors <<<"$line"
      printf '%-5s %-6s %-9s %10s %9s %9s %9s %9s %s\n' "$round" "$f" "$server" "$rps" "$mbs" \
        "$p50" "$p99" "$cpu" "$errors"
    done
  done
done
echo
printf '%-5s %-6s %-9s %12s %12s %12s\n' round size server "req/s ratio" "p99 ratio" \
  "CPU/req ratio"
for round in $(seq 1 "$rounds"); do
  for f in 4k 100k 2m; do
    read -r n_rps _ _ n_p99 n_cpu _ <<<"${result[$round.$f.nginx]}"
    for server in "${servers[@]}"; do
      [ "$server" = nginx ] && continue
      read -r e_rps _ _ e_p99 e_cpu _ <<<"${result[$round.$f.$server]}"
      awk -v r="$round" -v f="$f" -v s="$server" -v a="$e_rps" -v b="$n_rps" -v c="$e_p99" \
        -v d="$n_p99" -v e="$e_cpu" -v n="$n_cpu" 'BEGIN { printf "%-5s %-6s %-9s %11.2fx \
        %11.2fx %11.2fx\n", r, f, s, a / b, (d > 0 ? c / d : 0), (n > 0 ? e / n : 0) }'
    done
  done
done
echo "(ratios are server / nginx: req/s above 1.0, p99 and CPU/req below 1.0 favour dmm-edge)"
for server in "${servers[@]}"; do
  [ "$server" = nginx ] && continue
  awk -v s="$server" '/Pause/ { n++; ms = $NF + 0; total += ms; if (ms > max) max = ms }
    END { printf "%s GC: %d pauses, %.1f ms total, longest %.1f ms\n", s, n, total, max }' \
    "$work/logs/$server.gc.log"
  [ -z "${SHOW_GC:-}" ] || grep Pause "$work/logs/$server.gc.log"
done
