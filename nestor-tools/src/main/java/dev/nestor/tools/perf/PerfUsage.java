package dev.nestor.tools.perf;

/** The usage text of {@code nestor perf} ({@code -h}, and before a command-line error). */
final class PerfUsage {
    static final String TEXT = """
            nestor perf [-1] [-4 | -6] [-A 1] [-b mac=<mac>|duid=<hex>] [-B] [-c] [-C separator]
                        [-d drop-time] [-D max-drop[%]] [-e address-only] [-g single|multi] [-h] [-i]
                        [-l local-address|interface] [-L local-port] [-n num-request] [-N remote-port]
                        [-o code,hexstring] [-p test-period] [-P preload] [-r rate] [-R num-clients]
                        [-s seed] [--scenario basic|avalanche] [-t report] [-u] [-v] [-W exit-wait-time]
                        [-x diagnostic-selector] [-Y time -y time] [--servers a,b,...] [--json file]
                        [server]

            A DHCP load client with perfdhcp's options, report and exit codes (0: every request
            answered, 3: some unanswered, 1: error). Each DHCPv4 packet is sent as a relay sends it
            (giaddr = local address, hops = 1) from local port -L (default 67), so the server answers
            to that port.

              -4 / -6         DHCPv4 (default) or DHCPv6
              -r rate         new exchanges per second (default: as fast as possible)
              -R n            number of simulated clients (MAC = base MAC + client number)
              -p seconds      test period;  -n num   stop after num first messages (a second -n
                              limits the second messages)
              -D n | p%       stop when drops reach n (or p percent); a second -D for the second message
              -d seconds      a request unanswered this long is given up (default 1)
              -l addr|if      local address or interface;  -L port  local port;  -N port  server port
              -b mac=...      base MAC;  -b duid=...  base DUID (v6)
              -B              SO_BROADCAST on the socket (v4)
              -Y s -y s       from second Y for y seconds, send an increasing secs / elapsed-time
              -i              only the first exchange (DISCOVER-OFFER / SOLICIT-ADVERTISE)
              -c              v6 rapid commit (with -i);  -A 1  v6 relay encapsulation
              -u              count addresses handed out more than once
              -P n            send n untracked first messages at the start
              -W us           after the end condition, keep receiving up to us microseconds
              -t s            periodic report every s seconds;  -C sep  machine-readable periodic report
              -x letters      diagnostics: e exit reason, i counters, l leases, s server id, t timestamps
              -s seed         random seed (avalanche retry jitter)
              -o code,hex     add an option to every client message
              --scenario avalanche   send to every -R client at once, then retry with back-off
              --servers a,b   send every packet to each server (a relay with several helper addresses)
              --json file     also write the report as JSON
            """;

    private PerfUsage() {
    }
}
