#!/usr/bin/env bash
# Runs a stock Kea 2.2 hot-standby pair (kea-dhcp4 + libdhcp_lease_cmds + libdhcp_ha), then a Nestor pair with the
# very same two config files, and for each pair:
#   1. waits (bounded) until both servers report hot-standby in status-get over their control sockets;
#   2. sweeps perfdhcp's rate in relay mode against the primary (-R 1000000 clients, STEP seconds a step) and keeps
#      the highest rate with at most MAX_DROP_PCT % drops on both exchanges (DISCOVER-OFFER and REQUEST-ACK);
#   3. failover: SIGKILLs the primary while perfdhcp sends to the standby, and times until the standby's status-get
#      shows partner-down;
#   4. recovery: restarts the primary and times until both servers are hot-standby again.
# It prints each pair's highest passing rate, the ratio Nestor/Kea, and both pairs' failover and recovery times.
#
# Both servers of a pair run on this one machine (its cores are shared by the two servers, perfdhcp and the lease
# updates between them), so the rates are those of a pair on one host, not of two separate hosts.
# HA timers: heartbeat-delay 1000 ms, max-response-delay 3000 ms, max-unacked-clients 0 (perfdhcp leaves secs at 0,
# so the standby declares partner-down after max-response-delay without waiting for unacked clients).
# Lease files persist (memfile, persist true, lfc-interval 0); each pair starts with empty lease files.
#
# Needs root (perfdhcp binds port 67; loopback aliases), kea-dhcp4, perfdhcp, socat, jq and a JDK 25; Nestor's jar
# is built when missing. Addresses (loopback range 127.0.8.0/24): perfdhcp 127.0.8.1, primary 127.0.8.2 (HA port
# 8402), standby 127.0.8.3 (HA port 8403).
#
# Environment knobs:
#   RATES="500 1000 ..."  rates to try (ascending)   STEP=5   seconds per step   MAX_DROP_PCT=0.1   pass threshold
#   THREADS=2 QUEUE=64    DHCP multi-threading        WAIT=90  seconds allowed for any HA state to be reached
#   WORK=/tmp/nestor-ha-bench
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
RATES=${RATES:-"500 1000 1500 2000 2500 3000 4000 5000 6000"}
STEP=${STEP:-5}
THREADS=${THREADS:-2}
QUEUE=${QUEUE:-64}
MAX_DROP_PCT=${MAX_DROP_PCT:-0.1}
WAIT=${WAIT:-90}
WORK=${WORK:-/tmp/nestor-ha-bench}
PERF_ADDR=127.0.8.1 PRIMARY_ADDR=127.0.8.2 STANDBY_ADDR=127.0.8.3
PRIMARY_PORT=8402 STANDBY_PORT=8403
HOOKS=/usr/lib/x86_64-linux-gnu/kea/hooks

[ "$(id -u)" = 0 ] || { echo "bench: needs root (port 67, loopback aliases)" >&2; exit 2; }
for tool in kea-dhcp4 perfdhcp ip socat jq; do
  command -v "$tool" >/dev/null || { echo "bench: $tool not found" >&2; exit 2; }
done
for hook in libdhcp_lease_cmds.so libdhcp_ha.so; do
  [ -f "$HOOKS/$hook" ] || { echo "bench: $HOOKS/$hook not found" >&2; exit 2; }
done
JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
export JAVA_HOME
jar="$here/nestor-app/target/nestor.jar"
if [ ! -f "$jar" ]; then
  echo "bench: building $jar" >&2
  (cd "$here" && ./mvnw -B -ntp -q -o -Dmaven.test.skip=true package >&2)
fi

for a in $PERF_ADDR $PRIMARY_ADDR $STANDBY_ADDR; do ip addr add "$a/8" dev lo 2>/dev/null || true; done
rm -rf "$WORK"; mkdir -p "$WORK"
export KEA_PIDFILE_DIR=$WORK KEA_LOCKFILE_DIR=$WORK

config() { # $1 role (primary|standby), $2 directory for socket, leases and log
  local address=$PRIMARY_ADDR name=server1
  [ "$1" = standby ] && address=$STANDBY_ADDR name=server2
  cat <<JSON
{ "Dhcp4": {
  "interfaces-config": { "interfaces": [ "lo/$address" ], "dhcp-socket-type": "udp" },
  "control-socket": { "socket-type": "unix", "socket-name": "$2/$1.sock" },
  "lease-database": { "type": "memfile", "persist": true, "name": "$2/$1-leases4.csv", "lfc-interval": 0 },
  "multi-threading": { "enable-multi-threading": true, "thread-pool-size": $THREADS, "packet-queue-size": $QUEUE },
  "valid-lifetime": 4000, "renew-timer": 1000, "rebind-timer": 2000,
  "hooks-libraries": [
    { "library": "$HOOKS/libdhcp_lease_cmds.so" },
    { "library": "$HOOKS/libdhcp_ha.so", "parameters": { "high-availability": [ {
        "this-server-name": "$name", "mode": "hot-standby",
        "heartbeat-delay": 1000, "max-response-delay": 3000, "max-ack-delay": 1000, "max-unacked-clients": 0,
        "multi-threading": { "enable-multi-threading": true, "http-dedicated-listener": true,
                             "http-listener-threads": 2, "http-client-threads": 2 },
        "peers": [
          { "name": "server1", "url": "http://$PRIMARY_ADDR:$PRIMARY_PORT/", "role": "primary" },
          { "name": "server2", "url": "http://$STANDBY_ADDR:$STANDBY_PORT/", "role": "standby" } ] } ] } } ],
  "subnet4": [ { "id": 1, "subnet": "10.0.0.0/8", "pools": [ { "pool": "10.0.0.0/8" } ],
      "relay": { "ip-addresses": [ "$PERF_ADDR" ] },
      "option-data": [ { "name": "routers", "data": "10.0.0.1" },
                       { "name": "domain-name-servers", "data": "10.0.0.2, 10.0.0.3" },
                       { "name": "domain-name", "data": "example.org" } ] } ],
  "loggers": [ { "name": "kea-dhcp4", "severity": "WARN", "output_options": [ { "output": "$2/$1.log" } ] } ]
} }
JSON
}

declare -A pid=()
cleanup() {
  for p in "${pid[@]}"; do kill -9 "$p" 2>/dev/null || true; done
  [ -n "${perf_pid:-}" ] && kill "$perf_pid" 2>/dev/null || true
  wait 2>/dev/null || true
}
trap cleanup EXIT

start() { # $1 kind (kea|nestor), $2 role, $3 directory
  if [ "$1" = kea ]; then
    kea-dhcp4 -c "$3/$2.json" >> "$3/$2.out" 2>&1 &
  else
    "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -XX:+UseParallelGC -Xms256m -Xmx1g \
      -jar "$jar" dhcp4 -c "$3/$2.json" >> "$3/$2.out" 2>&1 &
  fi
  pid[$2]=$!
}

# the local HA state a server reports in status-get ("" when it does not answer)
state() { # $1 socket
  echo '{ "command": "status-get" }' | timeout 2 socat - "UNIX-CONNECT:$1" 2>/dev/null \
    | jq -r '.arguments["high-availability"][0]["ha-servers"].local.state // empty' 2>/dev/null || true
}

now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }

# waits until every socket in $2.. reports state $1; fails after WAIT seconds
await_state() {
  local want=$1 deadline=$(( $(date +%s) + WAIT )) s ok
  shift
  while [ "$(date +%s)" -lt "$deadline" ]; do
    ok=1
    for s in "$@"; do [ "$(state "$s")" = "$want" ] || ok=0; done
    [ $ok = 1 ] && return 0
    sleep 0.1
  done
  return 1
}

# runs perfdhcp at rate $2 against server $1 for $3 s; prints "<ok 0/1> <d-o drop %> <r-a drop %> <achieved rate>"
measure() {
  local out rate d1 d2 ok
  out=$(perfdhcp -4 -l $PERF_ADDR -r "$2" -R 1000000 -p "$3" -W 500000 "$1" 2>&1 || true)
  echo "$out" > "$WORK/$kind-perfdhcp-$2.txt"
  rate=$(echo "$out" | sed -n 's/^Rate: \([0-9.e+]*\) .*/\1/p' | head -1)
  d1=$(echo "$out" | sed -n 's/^drops ratio: \([-0-9.nae]*\) %.*/\1/p' | sed -n 1p)
  d2=$(echo "$out" | sed -n 's/^drops ratio: \([-0-9.nae]*\) %.*/\1/p' | sed -n 2p)
  ok=$(awk -v a="${d1:-100}" -v b="${d2:-100}" -v m="$MAX_DROP_PCT" 'BEGIN { print (a+0 <= m && b+0 <= m && a != "-nan" && b != "-nan") ? 1 : 0 }')
  echo "$ok ${d1:-?} ${d2:-?} ${rate:-0}"
}

declare -A best=() failover=() recovery=()
run_pair() { # $1 kind (kea|nestor)
  kind=$1
  local dir=$WORK/$kind t fails=0 rate ok d1 d2 got
  mkdir -p "$dir"
  config primary "$dir" > "$dir/primary.json"
  config standby "$dir" > "$dir/standby.json"
  start "$kind" primary "$dir"
  start "$kind" standby "$dir"
  t=$(now)
  if ! await_state hot-standby "$dir/primary.sock" "$dir/standby.sock"; then
    echo "bench: $kind pair did not reach hot-standby in $WAIT s (primary '$(state "$dir/primary.sock")'," \
         "standby '$(state "$dir/standby.sock")'); see $dir" >&2
    best[$kind]=n/a failover[$kind]=n/a recovery[$kind]=n/a
    return 0
  fi
  echo "$kind pair: both hot-standby after $(since "$t") s" >&2
  measure $PRIMARY_ADDR 300 2 >/dev/null   # warm-up
  best[$kind]=0
  printf "%-6s %-6s | %-8s %-8s %-10s\n" "$kind" rate "D-O %" "R-A %" "got/s"
  for rate in $RATES; do
    read -r ok d1 d2 got < <(measure $PRIMARY_ADDR "$rate" "$STEP")
    printf "%-6s %-6s | %-8s %-8s %-10s %s\n" "$kind" "$rate" "$d1" "$d2" "$got" "$([ "$ok" = 1 ] && echo pass || echo FAIL)"
    if [ "$ok" = 1 ]; then best[$kind]=$rate; fails=0; else fails=$((fails + 1)); fi
    [ $fails -ge 2 ] && break
  done

  # failover: traffic to the standby, SIGKILL the primary, time until the standby shows partner-down
  perfdhcp -4 -l $PERF_ADDR -r 200 -R 1000000 -p $((WAIT + 5)) $STANDBY_ADDR > "$dir/failover-perfdhcp.txt" 2>&1 &
  perf_pid=$!
  sleep 1
  kill -9 "${pid[primary]}"; wait "${pid[primary]}" 2>/dev/null || true
  t=$(now)
  if await_state partner-down "$dir/standby.sock"; then failover[$kind]=$(since "$t"); else failover[$kind]="> $WAIT (timed out)"; fi
  kill "$perf_pid" 2>/dev/null || true; wait "$perf_pid" 2>/dev/null || true; perf_pid=""

  # recovery: restart the primary (same lease file), time until both are hot-standby again
  rm -f "$dir/primary.sock"
  start "$kind" primary "$dir"
  t=$(now)
  if await_state hot-standby "$dir/primary.sock" "$dir/standby.sock"; then recovery[$kind]=$(since "$t"); else recovery[$kind]="> $WAIT (timed out)"; fi
  echo "$kind leases in the pair's lease files: primary $(wc -l < "$dir/primary-leases4.csv"), standby $(wc -l < "$dir/standby-leases4.csv") lines" >&2

  for p in "${pid[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${pid[@]}"; do wait "$p" 2>/dev/null || true; done
  pid=()
}

echo "HA hot-standby pair benchmark: both servers of each pair run on this one machine ($(nproc) cores), perfdhcp too."
run_pair kea
run_pair nestor
echo
echo "note: both servers of each pair and perfdhcp share this one machine ($(nproc) cores)"
echo "kea pair    max rate (<= $MAX_DROP_PCT % drops, relay mode, to the primary): ${best[kea]} DORA/s"
echo "nestor pair max rate (<= $MAX_DROP_PCT % drops, relay mode, to the primary): ${best[nestor]} DORA/s"
echo "ratio nestor/kea: $(awk -v n="${best[nestor]}" -v k="${best[kea]}" 'BEGIN { if (k + 0 > 0) printf "%.2f", n / k; else print "n/a" }')"
echo "failover (SIGKILL primary -> standby partner-down; max-response-delay 3 s): kea ${failover[kea]} s, nestor ${failover[nestor]} s"
echo "recovery (restart primary -> both hot-standby): kea ${recovery[kea]} s, nestor ${recovery[nestor]} s"
