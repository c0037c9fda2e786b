#!/usr/bin/env bash
# Runs stock kea-dhcp4 and Nestor with the same configuration on this machine, sweeps perfdhcp's rate
# (relay mode, -R 1000000 clients, STEP seconds a step) and prints each server's highest rate with at most
# MAX_DROP_PCT % drops on both exchanges (DISCOVER-OFFER and REQUEST-ACK), and the ratio Nestor / Kea.
#
# Needs root (perfdhcp binds port 67; loopback aliases), kea-dhcp4, perfdhcp and a JDK 25.
# Addresses (loopback range 127.0.2.0/24): perfdhcp 127.0.2.1, Kea 127.0.2.2, Nestor 127.0.2.3.
#
# Environment knobs:
#   RATES="1000 2000 ..."   rates to try (ascending)       STEP=10        seconds per step
#   THREADS=2 QUEUE=64      multi-threading of both servers PERSIST=true  lease-database persist
#   DURABILITY=write        Nestor's memfile durability (write = Kea's: no fsync; group-fsync)
#   MAX_DROP_PCT=0.1        pass threshold                  WORK=/tmp/nestor-bench
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
RATES=${RATES:-"1000 2000 3000 4000 5000 6000 7000 8000 9000 10000 11000 12000 14000 16000 18000 20000 24000"}
STEP=${STEP:-10}
THREADS=${THREADS:-2}
QUEUE=${QUEUE:-64}
PERSIST=${PERSIST:-true}
DURABILITY=${DURABILITY:-write}
MAX_DROP_PCT=${MAX_DROP_PCT:-0.1}
WORK=${WORK:-/tmp/nestor-bench}
PERF_ADDR=127.0.2.1 KEA_ADDR=127.0.2.2 NESTOR_ADDR=127.0.2.3

[ "$(id -u)" = 0 ] || { echo "bench: needs root (port 67, loopback aliases)" >&2; exit 2; }
for tool in kea-dhcp4 perfdhcp ip; do
  command -v "$tool" >/dev/null || { echo "bench: $tool not found" >&2; exit 2; }
done
JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
export JAVA_HOME

echo "bench: compiling Nestor" >&2
(cd "$here" && ./mvnw -q -B -ntp -o -pl nestor-server -am compile -DskipTests >&2)
slf4j=$(find "$HOME/.m2/repository/org/slf4j/slf4j-api" -name 'slf4j-api-2*.jar' | sort | tail -1)
cp=""
for m in nestor-server nestor-wire nestor-config nestor-lease nestor-json; do cp="$cp:$here/$m/target/classes"; done
cp="${cp#:}:$slf4j"
# no SLF4J backend on this class path: Nestor writes no log lines, as Kea writes none at WARN in this run

for a in $PERF_ADDR $KEA_ADDR $NESTOR_ADDR; do ip addr add "$a/8" dev lo 2>/dev/null || true; done
rm -rf "$WORK"; mkdir -p "$WORK"
export KEA_PIDFILE_DIR=$WORK KEA_LOCKFILE_DIR=$WORK

config() { # $1 listen address, $2 lease file
  cat <<JSON
{ "Dhcp4": {
  "interfaces-config": { "interfaces": [ "lo/$1" ], "dhcp-socket-type": "udp" },
  "lease-database": { "type": "memfile", "persist": $PERSIST, "name": "$2", "lfc-interval": 0 },
  "multi-threading": { "enable-multi-threading": true, "thread-pool-size": $THREADS, "packet-queue-size": $QUEUE },
  "valid-lifetime": 4000, "renew-timer": 1000, "rebind-timer": 2000,
  "subnet4": [ { "id": 1, "subnet": "10.0.0.0/8", "pools": [ { "pool": "10.0.0.0/8" } ],
      "relay": { "ip-addresses": [ "$PERF_ADDR" ] },
      "option-data": [ { "name": "routers", "data": "10.0.0.1" },
                       { "name": "domain-name-servers", "data": "10.0.0.2, 10.0.0.3" },
                       { "name": "domain-name", "data": "example.org" } ] } ],
  "loggers": [ { "name": "kea-dhcp4", "severity": "WARN", "output_options": [ { "output": "$WORK/log-$1.txt" } ] } ]
} }
JSON
}
config $KEA_ADDR "$WORK/kea-leases4.csv" > "$WORK/kea.json"
config $NESTOR_ADDR "$WORK/nestor-leases4.csv" > "$WORK/nestor.json"

pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT

kea-dhcp4 -c "$WORK/kea.json" > "$WORK/kea.out" 2>&1 &
pids+=($!)
"$JAVA_HOME/bin/java" -XX:+UseParallelGC -Xms512m -Xmx2g -Xlog:gc:file="$WORK/nestor-gc.log" -cp "$cp" dev.nestor.server.tools.RunServer \
  -c "$WORK/nestor.json" --durability "$DURABILITY" > "$WORK/nestor.out" 2>&1 &
pids+=($!)
sleep 3
for p in "${pids[@]}"; do kill -0 "$p" 2>/dev/null || { echo "bench: a server did not start:" >&2; cat "$WORK"/*.out >&2; exit 1; }; done

# runs perfdhcp at rate $2 against server $1; prints "<ok 0/1> <d-o drop %> <r-a drop %> <achieved rate>"
measure() {
  local out
  out=$(perfdhcp -4 -l $PERF_ADDR -r "$2" -R 1000000 -p "$3" -W 500000 "$1" 2>&1 || true)
  echo "$out" > "$WORK/perfdhcp-$1-$2.txt"
  local rate d1 d2
  rate=$(echo "$out" | sed -n 's/^Rate: \([0-9.e+]*\) .*/\1/p' | head -1)
  d1=$(echo "$out" | sed -n 's/^drops ratio: \([-0-9.nae]*\) %.*/\1/p' | sed -n 1p)
  d2=$(echo "$out" | sed -n 's/^drops ratio: \([-0-9.nae]*\) %.*/\1/p' | sed -n 2p)
  local ok
  ok=$(awk -v a="${d1:-100}" -v b="${d2:-100}" -v m="$MAX_DROP_PCT" 'BEGIN { print (a+0 <= m && b+0 <= m && a != "-nan" && b != "-nan") ? 1 : 0 }')
  echo "$ok ${d1:-?} ${d2:-?} ${rate:-0}"
}

echo "bench: warm-up (3 s each)" >&2
measure $KEA_ADDR 500 3 >/dev/null
measure $NESTOR_ADDR 500 3 >/dev/null

kea_best=0 nestor_best=0 kea_fails=0 nestor_fails=0 kea_peak=0 nestor_peak=0
peak() { awk -v a="$1" -v b="$2" 'BEGIN { print (b + 0 > a + 0) ? b : a }'; }
printf "%-8s | %-34s | %-34s\n" "rate" "kea-dhcp4 (D-O %, R-A %, got/s)" "nestor (D-O %, R-A %, got/s)"
for rate in $RATES; do
  kea_res="-" nestor_res="-"
  if [ $kea_fails -lt 2 ]; then
    read -r ok d1 d2 got < <(measure $KEA_ADDR "$rate" "$STEP")
    kea_res="$([ "$ok" = 1 ] && echo pass || echo FAIL) $d1 $d2 $got"
    kea_peak=$(peak "$kea_peak" "$got")
    if [ "$ok" = 1 ]; then kea_best=$rate; kea_fails=0; else kea_fails=$((kea_fails + 1)); fi
  fi
  if [ $nestor_fails -lt 2 ]; then
    read -r ok d1 d2 got < <(measure $NESTOR_ADDR "$rate" "$STEP")
    nestor_res="$([ "$ok" = 1 ] && echo pass || echo FAIL) $d1 $d2 $got"
    nestor_peak=$(peak "$nestor_peak" "$got")
    if [ "$ok" = 1 ]; then nestor_best=$rate; nestor_fails=0; else nestor_fails=$((nestor_fails + 1)); fi
  fi
  printf "%-8s | %-34s | %-34s\n" "$rate" "$kea_res" "$nestor_res"
  [ $kea_fails -ge 2 ] && [ $nestor_fails -ge 2 ] && break
done
echo
echo "kea-dhcp4 max rate (<= $MAX_DROP_PCT % drops): $kea_best DORA/s"
echo "nestor    max rate (<= $MAX_DROP_PCT % drops): $nestor_best DORA/s (durability $DURABILITY, persist $PERSIST)"
# on a busy machine neither may pass a step; the highest completed rate still compares them
echo "kea-dhcp4 highest completed DORA/s in any step: $kea_peak"
echo "nestor    highest completed DORA/s in any step: $nestor_peak"
echo "completed-rate ratio nestor/kea: $(awk -v n="$nestor_peak" -v k="$kea_peak" 'BEGIN { if (k > 0) printf "%.2f", n / k; else print "n/a" }')"
if [ "$kea_best" -gt 0 ]; then
  echo "ratio nestor/kea: $(awk -v n="$nestor_best" -v k="$kea_best" 'BEGIN { printf "%.2f", n / k }')"
else
  echo "ratio nestor/kea: n/a (kea passed no step)"
fi
