package dev.nestor.config;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * The machine-dependent checks Kea makes at {@code -t} and Nestor makes only when the server starts (so a file can be
 * validated on a machine other than the one it runs on): every interface named in {@code interfaces-config}, and in
 * subnets and shared networks, exists; every {@code name/address} entry names an address of that interface.
 * Messages are Kea's.
 */
public final class InterfaceCheck {
    private InterfaceCheck() {
    }

    /** Problems with {@code config} on this machine; empty when every named interface and address exists. */
    public static List<String> problems(Dhcp4Config config) {
        List<String> out = new ArrayList<>(problems(config.interfacesConfig()));
        for (Subnet4 s : config.subnets()) {
            s.interfaceName().ifPresent(name -> {
                if (!exists(name)) {
                    out.add("Specified network interface name " + name + " for subnet " + s.prefixText()
                            + " is not present in the system");
                }
            });
        }
        return out;
    }

    /** Problems with {@code config} on this machine. */
    public static List<String> problems(Dhcp6Config config) {
        List<String> out = new ArrayList<>(problems(config.interfacesConfig()));
        for (Subnet6 s : config.subnets()) {
            s.interfaceName().ifPresent(name -> {
                if (!exists(name)) {
                    out.add("Specified network interface name " + name + " for subnet " + s.prefix()
                            + " is not present in the system");
                }
            });
        }
        return out;
    }

    /** Problems with the {@code interfaces} list on this machine. */
    public static List<String> problems(InterfacesConfig interfaces) {
        List<String> out = new ArrayList<>();
        for (String entry : interfaces.interfaces()) {
            if (entry.equals("*")) continue;
            int slash = entry.indexOf('/');
            String name = slash < 0 ? entry : entry.substring(0, slash);
            Optional<NetworkInterface> nic = find(name);
            if (nic.isEmpty()) {
                out.add("Failed to select interface: interface '" + name + "' doesn't exist in the system");
                continue;
            }
            if (slash >= 0) {
                String address = entry.substring(slash + 1);
                boolean assigned = false;
                try {
                    InetAddress wanted = InetAddress.getByName(address);
                    assigned = Collections.list(nic.get().getInetAddresses()).stream()
                            .anyMatch(a -> a.equals(wanted) || java.util.Arrays.equals(a.getAddress(), wanted.getAddress()));
                } catch (java.io.IOException e) {
                    assigned = false;
                }
                if (!assigned) {
                    out.add("Failed to select interface: interface '" + name + "' doesn't have address '" + address
                            + "' assigned");
                }
            }
        }
        return out;
    }

    /** True when an interface named {@code name} exists. */
    public static boolean exists(String name) {
        return find(name).isPresent();
    }

    private static Optional<NetworkInterface> find(String name) {
        try {
            return Optional.ofNullable(NetworkInterface.getByName(name));
        } catch (SocketException e) {
            return Optional.empty();
        }
    }
}
