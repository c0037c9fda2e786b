package dev.nestor.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads Kea memfile DHCPv4 lease files (CSV) the way Kea loads them: the LFC leftovers {@code NAME.2} and
 * {@code NAME.1} first, then {@code NAME}; for each address the last row wins, and a row with valid_lifetime 0
 * deletes the lease.
 */
final class LeaseFiles {
    /** One lease as the file has it; addresses and MACs as text because they are compared, never computed on. */
    record Lease4(String address, String hwaddr, String clientId, long validLifetime, long expire, long subnetId,
            int state) {
        boolean isDefault() {
            return state == 0;
        }
    }

    private LeaseFiles() {
    }

    /** The leases the file set holds, by address in file order; empty when no file exists yet. */
    static Map<String, Lease4> read(Path leaseFile) throws IOException {
        Map<String, Lease4> leases = new LinkedHashMap<>();
        for (Path file : List.of(Path.of(leaseFile + ".2"), Path.of(leaseFile + ".1"), leaseFile)) {
            if (!Files.exists(file)) {
                continue;
            }
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            for (int index = 1; index < lines.size(); index++) {
                String line = lines.get(index);
                String[] fields = line.split(",", -1);
                if (fields.length < 10) {
                    continue; // a row cut short by a crash mid-write, as Kea skips it
                }
                try {
                    Lease4 lease = new Lease4(fields[0], fields[1], fields[2], Long.parseLong(fields[3]),
                            Long.parseLong(fields[4]), Long.parseLong(fields[5]), Integer.parseInt(fields[9]));
                    if (lease.validLifetime() == 0) {
                        leases.remove(lease.address());
                    } else {
                        leases.put(lease.address(), lease);
                    }
                } catch (NumberFormatException torn) {
                    // a torn last row after SIGKILL: Kea skips unparsable rows too
                }
            }
        }
        return Collections.unmodifiableMap(leases);
    }

    /** Leases in the default state (not declined, not expired-reclaimed). */
    static Map<String, Lease4> active(Path leaseFile) throws IOException {
        Map<String, Lease4> active = new LinkedHashMap<>();
        read(leaseFile).forEach((address, lease) -> {
            if (lease.isDefault()) {
                active.put(address, lease);
            }
        });
        return active;
    }

    /** Addresses that two different hardware addresses hold across the given lease sets (should be none). */
    static List<String> conflicts(Map<String, Lease4> first, Map<String, Lease4> second) {
        List<String> conflicts = new ArrayList<>();
        first.forEach((address, lease) -> {
            Lease4 other = second.get(address);
            if (other != null && !other.hwaddr().equalsIgnoreCase(lease.hwaddr())) {
                conflicts.add(address + " " + lease.hwaddr() + " vs " + other.hwaddr());
            }
        });
        return conflicts;
    }

    /** Hardware addresses holding more than one address in one lease set (should be none for perfdhcp clients). */
    static List<String> clientsWithTwoAddresses(Map<String, Lease4> leases) {
        Map<String, String> byClient = new LinkedHashMap<>();
        List<String> doubles = new ArrayList<>();
        leases.forEach((address, lease) -> {
            String previous = byClient.putIfAbsent(lease.hwaddr(), address);
            if (previous != null) {
                doubles.add(lease.hwaddr() + " holds " + previous + " and " + address);
            }
        });
        return doubles;
    }
}
