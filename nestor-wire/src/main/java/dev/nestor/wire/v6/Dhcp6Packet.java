package dev.nestor.wire.v6;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A DHCPv6 client/server message (everything except RELAY-FORW/RELAY-REPL): msg-type, 24-bit transaction id and
 * options. Typed getters parse on demand and return empty on malformed payloads.
 *
 * @param messageType   the msg-type
 * @param transactionId the 24-bit transaction id
 * @param options       top-level options in wire order
 */
public record Dhcp6Packet(Dhcp6MessageType messageType, int transactionId, List<Dhcp6Option> options)
        implements Dhcp6Message {

    public Dhcp6Packet {
        if (messageType.isRelay()) {
            throw new IllegalArgumentException("relay messages are Dhcp6RelayMessage");
        }
        if ((transactionId & ~0xffffff) != 0) {
            throw new IllegalArgumentException("transaction id is 24 bits: " + transactionId);
        }
        options = List.copyOf(options);
    }

    @Override
    public Dhcp6Packet innermost() {
        return this;
    }

    /** All top-level options with {@code code}, in order. */
    public List<Dhcp6Option> optionsWith(int code) {
        List<Dhcp6Option> result = new ArrayList<>(2);
        for (Dhcp6Option option : options) {
            if (option.code() == code) {
                result.add(option);
            }
        }
        return result;
    }

    /** How many top-level options have {@code code} (Kea's "exactly one client-id" checks). */
    public int count(int code) {
        int count = 0;
        for (Dhcp6Option option : options) {
            if (option.code() == code) {
                count++;
            }
        }
        return count;
    }

    /** Option 1 as a DUID. */
    public Optional<Duid> clientId() {
        Dhcp6Option option = option(Dhcp6Option.CLIENTID);
        return option == null ? Optional.empty() : Optional.of(new Duid(option.payload()));
    }

    /** Option 2 as a DUID. */
    public Optional<Duid> serverId() {
        Dhcp6Option option = option(Dhcp6Option.SERVERID);
        return option == null ? Optional.empty() : Optional.of(new Duid(option.payload()));
    }

    /** Option 6 (ORO) codes; empty array when absent (an odd trailing byte is ignored). */
    public int[] requestedOptions() {
        Dhcp6Option option = option(Dhcp6Option.ORO);
        if (option == null) {
            return new int[0];
        }
        int[] codes = new int[option.length() / 2];
        for (int i = 0; i < codes.length; i++) {
            codes[i] = (option.byteAt(2 * i) << 8) | option.byteAt(2 * i + 1);
        }
        return codes;
    }

    /** Option 8 (elapsed time, hundredths of a second), when exactly 2 bytes. */
    public OptionalInt elapsedTime() {
        Dhcp6Option option = option(Dhcp6Option.ELAPSED_TIME);
        return option != null && option.length() == 2 ? OptionalInt.of(option.uint16()) : OptionalInt.empty();
    }

    /** Whether option 14 (rapid commit) is present. */
    public boolean rapidCommit() {
        return option(Dhcp6Option.RAPID_COMMIT) != null;
    }

    /** Top-level status code (option 13), when well-formed. */
    public Optional<StatusCode> statusCode() {
        Dhcp6Option option = option(Dhcp6Option.STATUS_CODE);
        return option == null ? Optional.empty() : StatusCode.parse(option);
    }

    /** IA_NA options (malformed ones, shorter than 12 bytes, are left out). */
    public List<IdentityAssociation> iaNa() {
        return ias(Dhcp6Option.IA_NA);
    }

    /** IA_TA options (malformed ones, shorter than 4 bytes, are left out). */
    public List<IdentityAssociation> iaTa() {
        return ias(Dhcp6Option.IA_TA);
    }

    /** IA_PD options (malformed ones, shorter than 12 bytes, are left out). */
    public List<IdentityAssociation> iaPd() {
        return ias(Dhcp6Option.IA_PD);
    }

    private List<IdentityAssociation> ias(int code) {
        List<IdentityAssociation> result = new ArrayList<>(1);
        for (Dhcp6Option option : options) {
            if (option.code() == code) {
                IdentityAssociation.parse(option).ifPresent(result::add);
            }
        }
        return result;
    }

    /** This message with {@code option} appended. */
    public Dhcp6Packet withOption(Dhcp6Option option) {
        List<Dhcp6Option> list = new ArrayList<>(options);
        list.add(option);
        return new Dhcp6Packet(messageType, transactionId, list);
    }

    /** This message without any top-level option {@code code}. */
    public Dhcp6Packet withoutOption(int code) {
        List<Dhcp6Option> list = new ArrayList<>(options);
        return list.removeIf(option -> option.code() == code) ? new Dhcp6Packet(messageType, transactionId, list) : this;
    }

    /**
     * A reply skeleton as Kea builds it: {@code type}, same transaction id, client-id copied when present.
     */
    public Dhcp6Packet reply(Dhcp6MessageType type) {
        Dhcp6Option clientId = option(Dhcp6Option.CLIENTID);
        return new Dhcp6Packet(type, transactionId, clientId == null ? List.of() : List.of(clientId));
    }

    @Override
    public String toString() {
        return messageType + " xid=0x" + Integer.toHexString(transactionId) + " options="
                + Arrays.toString(options.toArray());
    }
}
