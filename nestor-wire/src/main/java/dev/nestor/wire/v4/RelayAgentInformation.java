package dev.nestor.wire.v4;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The content of option 82 (Relay Agent Information, RFC 3046): a sequence of sub-options {@code code, len, data}.
 * Kea 2.2 keeps them opaque; the ones with engine meaning have typed getters. Parsing is lenient: a truncated last
 * sub-option is dropped and {@link #truncated()} says so.
 */
public final class RelayAgentInformation {
    /** Sub-option codes the engine uses (names as in the Kea ARM). */
    public static final int CIRCUIT_ID = 1;
    public static final int REMOTE_ID = 2;
    public static final int LINK_SELECTION = 5;
    public static final int SUBSCRIBER_ID = 6;
    public static final int SERVER_ID_OVERRIDE = 11;
    public static final int RELAY_PORT = 19;

    private final List<SubOption> subOptions;
    private final boolean truncated;

    /** One sub-option: code 0..255 and its data (copied). */
    public record SubOption(int code, byte[] data) {
        public SubOption {
            if (code < 0 || code > 255 || data.length > 255) {
                throw new IllegalArgumentException("bad sub-option " + code + " of length " + data.length);
            }
            data = data.clone();
        }

        @Override
        public byte[] data() {
            return data.clone();
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof SubOption that && code == that.code && Arrays.equals(data, that.data);
        }

        @Override
        public int hashCode() {
            return 31 * code + Arrays.hashCode(data);
        }

        @Override
        public String toString() {
            return "sub-option " + code + ": " + java.util.HexFormat.of().formatHex(data);
        }
    }

    private RelayAgentInformation(List<SubOption> subOptions, boolean truncated) {
        this.subOptions = List.copyOf(subOptions);
        this.truncated = truncated;
    }

    /** Builds option 82 content from sub-options. */
    public static RelayAgentInformation of(List<SubOption> subOptions) {
        return new RelayAgentInformation(subOptions, false);
    }

    /** Parses option 82 payload. */
    public static RelayAgentInformation parse(byte[] payload) {
        List<SubOption> list = new ArrayList<>(4);
        int position = 0;
        boolean truncated = false;
        while (position < payload.length) {
            if (position + 2 > payload.length) {
                truncated = true;
                break;
            }
            int code = payload[position] & 0xff;
            int length = payload[position + 1] & 0xff;
            if (position + 2 + length > payload.length) {
                truncated = true;
                break;
            }
            list.add(new SubOption(code, Arrays.copyOfRange(payload, position + 2, position + 2 + length)));
            position += 2 + length;
        }
        return new RelayAgentInformation(list, truncated);
    }

    /** The sub-options in wire order. */
    public List<SubOption> subOptions() {
        return subOptions;
    }

    /** Whether the payload ended inside a sub-option (that sub-option is not in the list). */
    public boolean truncated() {
        return truncated;
    }

    /** Data of the first sub-option with {@code code}. */
    public Optional<byte[]> subOption(int code) {
        for (SubOption subOption : subOptions) {
            if (subOption.code() == code) {
                return Optional.of(subOption.data());
            }
        }
        return Optional.empty();
    }

    /** Sub-option 1, circuit-id. */
    public Optional<byte[]> circuitId() {
        return subOption(CIRCUIT_ID);
    }

    /** Sub-option 2, remote-id. */
    public Optional<byte[]> remoteId() {
        return subOption(REMOTE_ID);
    }

    /** Sub-option 6, subscriber-id. */
    public Optional<byte[]> subscriberId() {
        return subOption(SUBSCRIBER_ID);
    }

    /** Sub-option 5, link selection: present only when exactly 4 bytes (as Kea requires). */
    public OptionalInt linkSelection() {
        return address(LINK_SELECTION);
    }

    /** Sub-option 11, server identifier override: present only when exactly 4 bytes. */
    public OptionalInt serverIdOverride() {
        return address(SERVER_ID_OVERRIDE);
    }

    /** Sub-option 19, relay source port (RFC 8357): present only when exactly 2 bytes. */
    public OptionalInt relayPort() {
        for (SubOption subOption : subOptions) {
            if (subOption.code() == RELAY_PORT) {
                byte[] data = subOption.data;
                return data.length == 2 ? OptionalInt.of(((data[0] & 0xff) << 8) | (data[1] & 0xff)) : OptionalInt.empty();
            }
        }
        return OptionalInt.empty();
    }

    private OptionalInt address(int code) {
        for (SubOption subOption : subOptions) {
            if (subOption.code() == code) {
                byte[] d = subOption.data;
                return d.length == 4
                        ? OptionalInt.of(((d[0] & 0xff) << 24) | ((d[1] & 0xff) << 16) | ((d[2] & 0xff) << 8) | (d[3] & 0xff))
                        : OptionalInt.empty();
            }
        }
        return OptionalInt.empty();
    }

    /** The option 82 payload for these sub-options. */
    public byte[] encode() {
        int size = 0;
        for (SubOption subOption : subOptions) {
            size += 2 + subOption.data.length;
        }
        byte[] out = new byte[size];
        int position = 0;
        for (SubOption subOption : subOptions) {
            out[position] = (byte) subOption.code();
            out[position + 1] = (byte) subOption.data.length;
            System.arraycopy(subOption.data, 0, out, position + 2, subOption.data.length);
            position += 2 + subOption.data.length;
        }
        return out;
    }

    /** As an option 82 ready to add to a packet. */
    public Dhcp4Option toOption() {
        return Dhcp4Option.wrap(Dhcp4Packet.OPTION_RELAY_AGENT_INFORMATION, encode());
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RelayAgentInformation that && truncated == that.truncated
                && subOptions.equals(that.subOptions);
    }

    @Override
    public int hashCode() {
        return subOptions.hashCode();
    }

    @Override
    public String toString() {
        return "RelayAgentInformation" + subOptions + (truncated ? " (truncated)" : "");
    }
}
