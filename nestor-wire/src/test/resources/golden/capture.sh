#!/usr/bin/env bash
# Captures golden DHCPv4/DHCPv6 packets: stock perfdhcp talking to stock kea-dhcp4 / kea-dhcp6 over loopback,
# recorded with tcpdump, written as one hex file per datagram with a provenance header.
# Needs root, kea-dhcp4, kea-dhcp6, perfdhcp, tcpdump, tshark. Uses only 127.0.1.1/127.0.1.2 (v4) and ::1 with
# kea-dhcp6 on port 5547 (v6), so it does not collide with other Kea instances on the host.
# Usage: ./capture.sh   (run from this directory; rewrites the *.hex files)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d /tmp/nestor-golden.XXXXXX)
export KEA_PIDFILE_DIR=$work KEA_LOCKFILE_DIR=$work
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT
ip addr add 127.0.1.1/8 dev lo 2>/dev/null || true
ip addr add 127.0.1.2/8 dev lo 2>/dev/null || true
kea_version=$(kea-dhcp4 -v)
date=$(date -u +%Y-%m-%dT%H:%MZ)
long=$(printf 'x%.0s' $(seq 1 300))   # a 300-byte option makes Kea split it (RFC 3396)

cat > "$work/kea4.json" <<JSON
{ "Dhcp4": {
  "interfaces-config": { "interfaces": [ "lo/127.0.1.1" ], "dhcp-socket-type": "udp" },
  "lease-database": { "type": "memfile", "persist": false },
  "valid-lifetime": 4000, "renew-timer": 1000, "rebind-timer": 2000,
  "option-def": [ { "name": "long-text", "code": 224, "type": "string" } ],
  "option-data": [ { "name": "long-text", "data": "$long", "always-send": true } ],
  "subnet4": [ { "id": 1, "subnet": "192.0.2.0/24", "pools": [ { "pool": "192.0.2.10 - 192.0.2.200" } ],
    "relay": { "ip-addresses": [ "127.0.1.2" ] },
    "option-data": [ { "name": "routers", "data": "192.0.2.1" },
                     { "name": "domain-name-servers", "data": "192.0.2.53, 192.0.2.54" },
                     { "name": "domain-name", "data": "example.org" } ] } ] } }
JSON

cat > "$work/kea6.json" <<JSON
{ "Dhcp6": {
  "interfaces-config": { "interfaces": [ "lo/::1" ] },
  "lease-database": { "type": "memfile", "persist": false },
  "server-id": { "type": "EN", "enterprise-id": 2495, "identifier": "0102030405060708", "persist": false },
  "preferred-lifetime": 3000, "valid-lifetime": 4000,
  "option-data": [ { "name": "dns-servers", "data": "2001:db8::53, 2001:db8::54" },
                   { "name": "domain-search", "data": "example.org, example.com" } ],
  "subnet6": [ { "id": 1, "subnet": "2001:db8:1::/64", "interface": "lo",
    "pools": [ { "pool": "2001:db8:1::100 - 2001:db8:1::1ff" } ],
    "pd-pools": [ { "prefix": "2001:db8:8::", "prefix-len": 48, "delegated-len": 56 } ] },
   { "id": 2, "subnet": "::/0", "comment": "the relayed exchange's link-address ::1 selects this subnet", "pools": [ { "pool": "2001:db8:2::100 - 2001:db8:2::1ff" } ],
    "pd-pools": [ { "prefix": "2001:db8:9::", "prefix-len": 48, "delegated-len": 56 } ] } ] } }
JSON

wait_port() { for _ in $(seq 1 50); do ss -uln | grep -q "$1" && return 0; sleep 0.1; done; echo "no listener on $1" >&2; return 1; }

# ---- DHCPv4 ----
kea-dhcp4 -c "$work/kea4.json" > "$work/kea4.out" 2>&1 & pids+=($!)
wait_port '127.0.1.1:67 '
tcpdump -i lo -U -n -w "$work/v4.pcap" 'udp and (host 127.0.1.1 or host 127.0.1.2)' 2> "$work/tcpdump4.err" & pids+=($!)
sleep 1
v4a="perfdhcp -4 -l 127.0.1.2 -r 1 -n 1 -n 1 -R 1 -W 2000000 127.0.1.1"
v4b="perfdhcp -4 -l 127.0.1.2 -r 1 -n 1 -n 1 -R 1 -W 2000000 -b mac=00:0c:01:02:03:05 -o 82,0106616765312f3102086167656e742d31 127.0.1.1"
$v4a > "$work/perf4a.out" 2>&1 || true
$v4b > "$work/perf4b.out" 2>&1 || true
sleep 1
kill "${pids[1]}"; wait "${pids[1]}" 2>/dev/null || true
kill "${pids[0]}"; wait "${pids[0]}" 2>/dev/null || true
pids=()

# ---- DHCPv6 (kea-dhcp6 on ::1 port 5547; perfdhcp binds 546, or 547 with -A) ----
# The direct SOLICIT gets no answer: Kea drops a non-relayed SOLICIT sent to a unicast address, so only the
# relayed exchange (-A 1) yields replies. The direct SOLICIT is kept as a real client packet.
kea-dhcp6 -p 5547 -c "$work/kea6.json" > "$work/kea6.out" 2>&1 & pids+=($!)
wait_port '\[::1\]:5547 '
tcpdump -i lo -U -n -w "$work/v6.pcap" 'udp and ip6 and (port 5547 or port 546 or port 547)' 2> "$work/tcpdump6.err" & pids+=($!)
sleep 1
v6a="perfdhcp -6 -l ::1 -N 5547 -r 1 -n 1 -n 1 -R 1 -W 2000000 -e address-and-prefix ::1"
v6b="perfdhcp -6 -l ::1 -N 5547 -r 1 -n 1 -n 1 -R 1 -W 2000000 -A 1 -e address-and-prefix ::1"
$v6a > "$work/perf6a.out" 2>&1 || true
$v6b > "$work/perf6b.out" 2>&1 || true
sleep 1
kill "${pids[1]}"; wait "${pids[1]}" 2>/dev/null || true
kill "${pids[0]}"; wait "${pids[0]}" 2>/dev/null || true
pids=()

# ---- write one hex file per datagram ----
write() { # pcap, prefix, description of commands
  local pcap=$1 prefix=$2 commands=$3 n=0
  rm -f "$here/$prefix"-*.hex
  tshark -r "$pcap" -T fields -E separator='|' -e frame.number -e ip.src -e ipv6.src -e udp.srcport \
      -e ip.dst -e ipv6.dst -e udp.dstport -e udp.payload | while IFS='|' read -r frame s4 s6 sp d4 d6 dp payload; do
    n=$((n + 1))
    if [ "$n" -gt 16 ]; then echo "more than 16 datagrams in $pcap: check the capture" >&2; break; fi
    file=$(printf '%s/%s-%02d.hex' "$here" "$prefix" "$n")
    {
      echo "# Golden packet $prefix-$(printf %02d $n): frame $frame, ${s4}${s6}:$sp -> ${d4}${d6}:$dp, $(( ${#payload} / 2 )) bytes UDP payload"
      echo "# Captured $date with tcpdump on lo by nestor-wire/src/test/resources/golden/capture.sh"
      echo "# Stock Kea $kea_version (kea-dhcp4/kea-dhcp6/perfdhcp); config and commands are in capture.sh."
      printf '%s\n' "$commands" | sed 's/^/# command: /'
      echo "$payload" | fold -w 64
    } > "$file"
  done
}
write "$work/v4.pcap" v4 "kea-dhcp4 -c kea4.json
$v4a
$v4b"
write "$work/v6.pcap" v6 "kea-dhcp6 -p 5547 -c kea6.json
$v6a
$v6b"
ls -l "$here"/*.hex
rm -rf "$work"
