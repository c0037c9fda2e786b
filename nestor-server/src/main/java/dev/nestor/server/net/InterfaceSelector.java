package dev.nestor.server.net;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InterfaceAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Turns {@code interfaces-config.interfaces} entries into the addresses to bind, as Kea reads them: {@code "eth0"}
 * (every IPv4 address of eth0), {@code "eth0/10.0.0.1"} (only that address, which must belong to eth0) and
 * {@code "*"} (every IPv4 address of every interface that is up, loopback excluded as Kea excludes it).
 */
public final class InterfaceSelector {
    private InterfaceSelector() {
    }

    /**
     * The addresses the entries select, without duplicates, in entry order.
     *
     * @throws InterfaceSelectionException naming the entry when an interface or address does not exist
     */
    public static List<ListenAddress> select(List<String> entries) throws InterfaceSelectionException {
        Set<ListenAddress> selected = new LinkedHashSet<>();
        for (String entry : entries) {
            selected.addAll(selectOne(entry.strip()));
        }
        return List.copyOf(selected);
    }

    private static List<ListenAddress> selectOne(String entry) throws InterfaceSelectionException {
        try {
            if (entry.equals("*")) {
                List<ListenAddress> all = new ArrayList<>();
                for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                    if (nic.isUp() && !nic.isLoopback()) {
                        all.addAll(addressesOf(nic));
                    }
                }
                return all;
            }
            int slash = entry.indexOf('/');
            String name = slash < 0 ? entry : entry.substring(0, slash);
            NetworkInterface nic = NetworkInterface.getByName(name);
            if (nic == null) {
                throw new InterfaceSelectionException("interface " + name + " not found (entry \"" + entry + "\")");
            }
            List<ListenAddress> addresses = addressesOf(nic);
            if (slash < 0) {
                return addresses;
            }
            InetAddress wanted = InetAddress.ofLiteral(entry.substring(slash + 1));
            for (ListenAddress address : addresses) {
                if (address.address().equals(wanted)) {
                    return List.of(address);
                }
            }
            throw new InterfaceSelectionException("address " + wanted.getHostAddress() + " is not configured on "
                    + name + " (entry \"" + entry + "\")");
        } catch (SocketException | IllegalArgumentException e) {
            throw new InterfaceSelectionException("cannot use interface entry \"" + entry + "\": " + e.getMessage());
        }
    }

    private static List<ListenAddress> addressesOf(NetworkInterface nic) throws SocketException {
        List<ListenAddress> addresses = new ArrayList<>();
        for (InterfaceAddress interfaceAddress : nic.getInterfaceAddresses()) {
            if (interfaceAddress.getAddress() instanceof Inet4Address v4) {
                addresses.add(new ListenAddress(nic.getName(), v4, nic.isLoopback()));
            }
        }
        return addresses;
    }
}
