package dev.nestor.tools.lab;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The two lease invariants of the guide's test plan, as pure functions of what the client was told and what the
 * lease files hold: no address leased to two clients, and every ACKed lease in both lease files.
 */
public final class LeaseCheck {
    private LeaseCheck() {
    }

    /**
     * A lease the client received: {@code hwaddr} (lower case, colon separated, as Kea's lease file writes it)
     * got {@code address} from {@code server}.
     */
    public record AckedLease(String address, String hwaddr, String server) {
        public AckedLease {
            hwaddr = hwaddr.toLowerCase(Locale.ROOT);
        }
    }

    /**
     * Addresses held by more than one client, counting every ACK received and every active lease in either file,
     * each with the clients holding it ({@code "172.28.0.5: 00:0c:...:01, 00:0c:...:02"}), sorted by address.
     * In a lab run nothing expires or is released, so an address seen with two hardware addresses was leased
     * twice.
     */
    public static List<String> leasedTwice(List<AckedLease> acks, Map<String, String> primaryFile,
                                           Map<String, String> standbyFile) {
        Map<String, Set<String>> holders = new TreeMap<>(LeaseCheck::compareAddresses);
        for (AckedLease ack : acks) {
            holders.computeIfAbsent(ack.address(), key -> new LinkedHashSet<>()).add(ack.hwaddr());
        }
        for (Map<String, String> file : List.of(primaryFile, standbyFile)) {
            file.forEach((address, hwaddr) -> holders.computeIfAbsent(address, key -> new LinkedHashSet<>())
                    .add(hwaddr.toLowerCase(Locale.ROOT)));
        }
        List<String> twice = new ArrayList<>();
        holders.forEach((address, clients) -> {
            if (clients.size() > 1) {
                twice.add(address + ": " + String.join(", ", clients));
            }
        });
        return twice;
    }

    /**
     * ACKed leases that a lease file lacks (no active lease of that address for that client), one line each
     * ({@code "172.28.0.5 00:0c:... missing from standby"}), for the last ACK of each address.
     */
    public static List<String> missing(List<AckedLease> acks, Map<String, String> primaryFile,
                                       Map<String, String> standbyFile) {
        Map<String, AckedLease> lastByAddress = new LinkedHashMap<>();
        for (AckedLease ack : acks) {
            lastByAddress.put(ack.address(), ack);
        }
        List<String> missing = new ArrayList<>();
        for (AckedLease ack : lastByAddress.values()) {
            List<String> lacking = new ArrayList<>();
            if (!ack.hwaddr().equalsIgnoreCase(primaryFile.getOrDefault(ack.address(), ""))) {
                lacking.add("primary");
            }
            if (!ack.hwaddr().equalsIgnoreCase(standbyFile.getOrDefault(ack.address(), ""))) {
                lacking.add("standby");
            }
            if (!lacking.isEmpty()) {
                missing.add(ack.address() + " " + ack.hwaddr() + " (ACKed by " + ack.server() + ") missing from "
                        + String.join(" and ", lacking));
            }
        }
        return missing;
    }

    private static int compareAddresses(String left, String right) {
        return Long.compare(numeric(left), numeric(right)) != 0 ? Long.compare(numeric(left), numeric(right))
                : left.compareTo(right);
    }

    private static long numeric(String address) {
        long value = 0;
        for (String part : address.split("\\.")) {
            try {
                value = value * 256 + Integer.parseInt(part);
            } catch (NumberFormatException notDotted) {
                return -1;
            }
        }
        return value;
    }
}
