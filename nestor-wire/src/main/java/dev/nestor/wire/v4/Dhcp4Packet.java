package dev.nestor.wire.v4;

import dev.nestor.wire.option.AddressText;
import dev.nestor.wire.option.OptionDataDecoder;
import dev.nestor.wire.option.OptionDefinition;
import dev.nestor.wire.option.OptionSpace;
import dev.nestor.wire.option.StandardOptions;
import dev.nestor.wire.option.Universe;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * An immutable DHCPv4/BOOTP packet: the fixed header fields and an ordered list of options (split options already
 * concatenated, overloaded sname/file options already moved into the list). Addresses are 32-bit ints.
 * Typed getters read options on demand and never throw on malformed payloads (they return empty instead).
 * Build new packets with {@link #builder()}, {@link #toBuilder()} or {@link #replyBuilder()}.
 */
public final class Dhcp4Packet {
    public static final int OP_BOOTREQUEST = 1;
    public static final int OP_BOOTREPLY = 2;
    /** The broadcast bit of {@code flags}. */
    public static final int FLAG_BROADCAST = 0x8000;

    public static final int OPTION_SUBNET_MASK = 1;
    public static final int OPTION_ROUTERS = 3;
    public static final int OPTION_DOMAIN_NAME_SERVERS = 6;
    public static final int OPTION_HOST_NAME = 12;
    public static final int OPTION_DOMAIN_NAME = 15;
    public static final int OPTION_VENDOR_ENCAPSULATED = 43;
    public static final int OPTION_REQUESTED_ADDRESS = 50;
    public static final int OPTION_LEASE_TIME = 51;
    public static final int OPTION_OVERLOAD = 52;
    public static final int OPTION_MESSAGE_TYPE = 53;
    public static final int OPTION_SERVER_IDENTIFIER = 54;
    public static final int OPTION_PARAMETER_REQUEST_LIST = 55;
    public static final int OPTION_MESSAGE = 56;
    public static final int OPTION_MAX_MESSAGE_SIZE = 57;
    public static final int OPTION_RENEWAL_TIME = 58;
    public static final int OPTION_REBINDING_TIME = 59;
    public static final int OPTION_VENDOR_CLASS_IDENTIFIER = 60;
    public static final int OPTION_CLIENT_IDENTIFIER = 61;
    public static final int OPTION_CLIENT_FQDN = 81;
    public static final int OPTION_RELAY_AGENT_INFORMATION = 82;
    public static final int OPTION_SUBNET_SELECTION = 118;
    public static final int OPTION_VIVSO = 125;

    private final int op;
    private final int htype;
    private final int hlen;
    private final int hops;
    private final int xid;
    private final int secs;
    private final int flags;
    private final int ciaddr;
    private final int yiaddr;
    private final int siaddr;
    private final int giaddr;
    private final byte[] chaddr;
    private final byte[] sname;
    private final byte[] file;
    private final List<Dhcp4Option> options;
    private final int padding;

    /** Trusted constructor: arrays are owned by the new packet, {@code options} is already unmodifiable. */
    Dhcp4Packet(int op, int htype, int hlen, int hops, int xid, int secs, int flags, int ciaddr, int yiaddr,
                int siaddr, int giaddr, byte[] chaddr, byte[] sname, byte[] file, List<Dhcp4Option> options,
                int padding) {
        this.op = op;
        this.htype = htype;
        this.hlen = hlen;
        this.hops = hops;
        this.xid = xid;
        this.secs = secs;
        this.flags = flags;
        this.ciaddr = ciaddr;
        this.yiaddr = yiaddr;
        this.siaddr = siaddr;
        this.giaddr = giaddr;
        this.chaddr = chaddr;
        this.sname = sname;
        this.file = file;
        this.options = options;
        this.padding = padding;
    }

    /** A builder for a new packet (all fields zero, op BOOTREQUEST, htype 1, hlen 6). */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this packet's fields and options. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /**
     * A builder for the server's answer to this query: op BOOTREPLY; htype, hlen, chaddr, hops, xid, flags and
     * giaddr copied (as Kea does); everything else zero and no options.
     */
    public Builder replyBuilder() {
        Builder reply = new Builder();
        reply.op = OP_BOOTREPLY;
        reply.htype = htype;
        reply.hlen = hlen;
        reply.hops = hops;
        reply.xid = xid;
        reply.flags = flags;
        reply.giaddr = giaddr;
        reply.chaddr = chaddr.clone();
        return reply;
    }

    public int op() {
        return op;
    }

    public int htype() {
        return htype;
    }

    /** The hlen field as received (may exceed 16 in malformed packets; see {@link #hardwareAddress()}). */
    public int hlen() {
        return hlen;
    }

    public int hops() {
        return hops;
    }

    public int xid() {
        return xid;
    }

    public int secs() {
        return secs;
    }

    public int flags() {
        return flags;
    }

    /** Whether the broadcast flag is set. */
    public boolean broadcast() {
        return (flags & FLAG_BROADCAST) != 0;
    }

    public int ciaddr() {
        return ciaddr;
    }

    public int yiaddr() {
        return yiaddr;
    }

    public int siaddr() {
        return siaddr;
    }

    public int giaddr() {
        return giaddr;
    }

    /** The whole 16-byte chaddr field (copy). */
    public byte[] chaddr() {
        return chaddr.clone();
    }

    /** The client hardware address: the first min(hlen, 16) bytes of chaddr (copy). */
    public byte[] hardwareAddress() {
        return Arrays.copyOf(chaddr, Math.min(hlen, 16));
    }

    /** Whether the hardware address is empty (hlen 0) or all zero. */
    public boolean hardwareAddressEmpty() {
        int length = Math.min(hlen, 16);
        for (int i = 0; i < length; i++) {
            if (chaddr[i] != 0) {
                return false;
            }
        }
        return true;
    }

    /** The 64-byte sname field (copy). */
    public byte[] sname() {
        return sname.clone();
    }

    /** The 128-byte file field (copy). */
    public byte[] file() {
        return file.clone();
    }

    /** sname up to its first zero byte, as ISO-8859-1 text. */
    public String serverHostName() {
        return zeroTerminated(sname);
    }

    /** file up to its first zero byte, as ISO-8859-1 text. */
    public String bootFileName() {
        return zeroTerminated(file);
    }

    private static String zeroTerminated(byte[] field) {
        int end = 0;
        while (end < field.length && field[end] != 0) {
            end++;
        }
        return new String(field, 0, end, StandardCharsets.ISO_8859_1);
    }

    /** Copies chaddr, sname and file into an encode buffer at their header offsets. */
    void copyHeaderArrays(byte[] target, int offset) {
        System.arraycopy(chaddr, 0, target, offset + 28, 16);
        System.arraycopy(sname, 0, target, offset + 44, 64);
        System.arraycopy(file, 0, target, offset + 108, 128);
    }

    /** Options in packet order (unmodifiable). */
    public List<Dhcp4Option> options() {
        return options;
    }

    /** Number of zero bytes written after END (kept from the received packet for byte-exact re-encoding). */
    public int padding() {
        return padding;
    }

    /** The option with {@code code}, or null. */
    public Dhcp4Option option(int code) {
        for (int i = 0, n = options.size(); i < n; i++) {
            Dhcp4Option option = options.get(i);
            if (option.code() == code) {
                return option;
            }
        }
        return null;
    }

    /** Whether an option with {@code code} is present. */
    public boolean hasOption(int code) {
        return option(code) != null;
    }

    /** Option 53's value, or -1 when absent or not exactly one byte. */
    public int messageTypeCode() {
        Dhcp4Option option = option(OPTION_MESSAGE_TYPE);
        return option != null && option.hasLength(1) ? option.byteAt(0) : -1;
    }

    /** Option 53 as a message type; empty when absent or malformed (a BOOTP packet). */
    public Optional<Dhcp4MessageType> messageType() {
        int code = messageTypeCode();
        return code < 0 ? Optional.empty() : Optional.of(Dhcp4MessageType.of(code));
    }

    /** Option 50 (requested IP address), when exactly 4 bytes. */
    public OptionalInt requestedAddress() {
        return address(OPTION_REQUESTED_ADDRESS);
    }

    /** Option 54 (server identifier), when exactly 4 bytes. */
    public OptionalInt serverIdentifier() {
        return address(OPTION_SERVER_IDENTIFIER);
    }

    /** Option 118 (subnet selection), when exactly 4 bytes. */
    public OptionalInt subnetSelection() {
        return address(OPTION_SUBNET_SELECTION);
    }

    private OptionalInt address(int code) {
        Dhcp4Option option = option(code);
        return option != null && option.hasLength(4) ? OptionalInt.of((int) option.uint32()) : OptionalInt.empty();
    }

    /** Option 61 payload (type byte included), when present and non-empty. */
    public Optional<byte[]> clientIdentifier() {
        Dhcp4Option option = option(OPTION_CLIENT_IDENTIFIER);
        return option != null && option.length() > 0 ? Optional.of(option.data()) : Optional.empty();
    }

    /** Option 55 codes (empty array when absent). */
    public byte[] parameterRequestList() {
        Dhcp4Option option = option(OPTION_PARAMETER_REQUEST_LIST);
        return option == null ? new byte[0] : option.data();
    }

    /** Whether option 55 lists {@code code}. */
    public boolean requests(int code) {
        Dhcp4Option option = option(OPTION_PARAMETER_REQUEST_LIST);
        if (option != null) {
            byte[] codes = option.payload();
            for (byte requested : codes) {
                if ((requested & 0xff) == code) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Option 82 parsed into sub-options, when present. */
    public Optional<RelayAgentInformation> relayAgentInformation() {
        Dhcp4Option option = option(OPTION_RELAY_AGENT_INFORMATION);
        return option == null ? Optional.empty() : Optional.of(RelayAgentInformation.parse(option.payload()));
    }

    /** Option 51 (lease time, seconds), when exactly 4 bytes. */
    public OptionalLong leaseTime() {
        Dhcp4Option option = option(OPTION_LEASE_TIME);
        return option != null && option.hasLength(4) ? OptionalLong.of(option.uint32()) : OptionalLong.empty();
    }

    /** Option 12 (host name) as text, when present and non-empty. */
    public Optional<String> hostName() {
        Dhcp4Option option = option(OPTION_HOST_NAME);
        return option == null || option.length() == 0 ? Optional.empty()
                : Optional.of(new String(option.payload(), StandardCharsets.ISO_8859_1));
    }

    /** Option 60 (vendor class identifier) as text, when present. */
    public Optional<String> vendorClassIdentifier() {
        Dhcp4Option option = option(OPTION_VENDOR_CLASS_IDENTIFIER);
        return option == null ? Optional.empty() : Optional.of(new String(option.payload(), StandardCharsets.ISO_8859_1));
    }

    /** Option 57 (maximum message size), when exactly 2 bytes. */
    public OptionalInt maxMessageSize() {
        Dhcp4Option option = option(OPTION_MAX_MESSAGE_SIZE);
        return option != null && option.hasLength(2) ? OptionalInt.of(option.uint16()) : OptionalInt.empty();
    }

    /**
     * Option 125 (vendor-identifying vendor-specific information, RFC 3925) split into per-enterprise blocks of
     * sub-options; empty list when absent. Lenient: a truncated block or sub-option ends the parse.
     */
    public List<VendorBlock> vendorSpecificInformation() {
        Dhcp4Option option = option(OPTION_VIVSO);
        if (option == null) {
            return List.of();
        }
        byte[] data = option.payload();
        List<VendorBlock> blocks = new ArrayList<>(1);
        int position = 0;
        while (position + 5 <= data.length) {
            long enterprise = Dhcp4Codec.readInt(data, position) & 0xffffffffL;
            int length = data[position + 4] & 0xff;
            if (position + 5 + length > data.length) {
                break;
            }
            blocks.add(new VendorBlock(enterprise, subOptions(data, position + 5, position + 5 + length)));
            position += 5 + length;
        }
        return blocks;
    }

    /**
     * The sub-options carried in option {@code code} (for instance 43, vendor-encapsulated options), read as
     * DHCPv4 options with PAD and END; empty when the option is absent. Lenient: stops at a truncated sub-option.
     */
    public List<Dhcp4Option> encapsulatedOptions(int code) {
        Dhcp4Option option = option(code);
        if (option == null) {
            return List.of();
        }
        byte[] data = option.payload();
        return subOptions(data, 0, data.length);
    }

    private static List<Dhcp4Option> subOptions(byte[] data, int from, int to) {
        List<Dhcp4Option> result = new ArrayList<>(4);
        int position = from;
        while (position < to) {
            int code = data[position] & 0xff;
            if (code == 0) {
                position++;
                continue;
            }
            if (code == 255 || position + 2 > to || position + 2 + (data[position + 1] & 0xff) > to) {
                break;
            }
            int length = data[position + 1] & 0xff;
            result.add(Dhcp4Option.wrap(code, Arrays.copyOfRange(data, position + 2, position + 2 + length)));
            position += 2 + length;
        }
        return List.copyOf(result);
    }

    /**
     * One enterprise's block inside option 125.
     *
     * @param enterprise IANA enterprise number (e.g. 4491 for CableLabs/DOCSIS)
     * @param subOptions its sub-options in wire order
     */
    public record VendorBlock(long enterprise, List<Dhcp4Option> subOptions) {
        public VendorBlock {
            subOptions = List.copyOf(subOptions);
        }
    }

    /**
     * Decodes option {@code code} into typed values under its definition in {@code space} (for instance
     * {@link StandardOptions#dhcp4()} or a space extended with config {@code option-def}s). Empty when the option
     * is absent or the space has no definition for it.
     */
    public Optional<OptionDataDecoder.Result> decodeOption(int code, OptionSpace space) {
        Dhcp4Option option = option(code);
        OptionDefinition definition = space.definitionForCode(code);
        if (option == null || definition == null) {
            return Optional.empty();
        }
        byte[] payload = option.payload();
        return Optional.of(OptionDataDecoder.decode(definition, payload, 0, payload.length, Universe.V4));
    }

    /** This packet with {@code option} added, or replacing the option with the same code in place. */
    public Dhcp4Packet withOption(Dhcp4Option option) {
        return toBuilder().option(option).build();
    }

    /** This packet without the option {@code code}. */
    public Dhcp4Packet withoutOption(int code) {
        return option(code) == null ? this : toBuilder().removeOption(code).build();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Dhcp4Packet that && op == that.op && htype == that.htype && hlen == that.hlen
                && hops == that.hops && xid == that.xid && secs == that.secs && flags == that.flags
                && ciaddr == that.ciaddr && yiaddr == that.yiaddr && siaddr == that.siaddr && giaddr == that.giaddr
                && padding == that.padding && Arrays.equals(chaddr, that.chaddr) && Arrays.equals(sname, that.sname)
                && Arrays.equals(file, that.file) && options.equals(that.options);
    }

    @Override
    public int hashCode() {
        return ((xid * 31 + Arrays.hashCode(chaddr)) * 31 + options.hashCode()) * 31 + yiaddr;
    }

    @Override
    public String toString() {
        String type = messageType().map(Dhcp4MessageType::name).orElse("BOOTP");
        return type + " op=" + op + " xid=0x" + Integer.toHexString(xid) + " chaddr="
                + HexFormat.ofDelimiter(":").formatHex(hardwareAddress()) + " ciaddr=" + AddressText.formatIpv4(ciaddr)
                + " yiaddr=" + AddressText.formatIpv4(yiaddr) + " siaddr=" + AddressText.formatIpv4(siaddr)
                + " giaddr=" + AddressText.formatIpv4(giaddr) + " flags=0x" + Integer.toHexString(flags)
                + " options=" + options;
    }

    /** Mutable helper to assemble a {@link Dhcp4Packet}; not thread-safe, reusable after {@link #build()}. */
    public static final class Builder {
        private int op = OP_BOOTREQUEST;
        private int htype = 1;
        private int hlen = 6;
        private int hops;
        private int xid;
        private int secs;
        private int flags;
        private int ciaddr;
        private int yiaddr;
        private int siaddr;
        private int giaddr;
        private byte[] chaddr = new byte[16];
        private byte[] sname = new byte[64];
        private byte[] file = new byte[128];
        private final ArrayList<Dhcp4Option> options;
        private int padding;

        private Builder() {
            options = new ArrayList<>(12);
        }

        private Builder(Dhcp4Packet packet) {
            op = packet.op;
            htype = packet.htype;
            hlen = packet.hlen;
            hops = packet.hops;
            xid = packet.xid;
            secs = packet.secs;
            flags = packet.flags;
            ciaddr = packet.ciaddr;
            yiaddr = packet.yiaddr;
            siaddr = packet.siaddr;
            giaddr = packet.giaddr;
            chaddr = packet.chaddr.clone();
            sname = packet.sname.clone();
            file = packet.file.clone();
            options = new ArrayList<>(packet.options);
            padding = packet.padding;
        }

        public Builder op(int value) {
            op = value & 0xff;
            return this;
        }

        public Builder htype(int value) {
            htype = value & 0xff;
            return this;
        }

        public Builder hlen(int value) {
            hlen = value & 0xff;
            return this;
        }

        public Builder hops(int value) {
            hops = value & 0xff;
            return this;
        }

        public Builder xid(int value) {
            xid = value;
            return this;
        }

        public Builder secs(int value) {
            secs = value & 0xffff;
            return this;
        }

        public Builder flags(int value) {
            flags = value & 0xffff;
            return this;
        }

        /** Sets or clears the broadcast bit. */
        public Builder broadcast(boolean on) {
            flags = on ? flags | FLAG_BROADCAST : flags & ~FLAG_BROADCAST;
            return this;
        }

        public Builder ciaddr(int value) {
            ciaddr = value;
            return this;
        }

        public Builder yiaddr(int value) {
            yiaddr = value;
            return this;
        }

        public Builder siaddr(int value) {
            siaddr = value;
            return this;
        }

        public Builder giaddr(int value) {
            giaddr = value;
            return this;
        }

        /** Sets htype, hlen (= address length, at most 16) and chaddr (zero padded). */
        public Builder hardwareAddress(int type, byte[] address) {
            if (address.length > 16) {
                throw new IllegalArgumentException("hardware address longer than 16 bytes: " + address.length);
            }
            htype = type & 0xff;
            hlen = address.length;
            chaddr = Arrays.copyOf(address, 16);
            return this;
        }

        /** Sets the raw 16-byte chaddr field (shorter input is zero padded). */
        public Builder chaddr(byte[] value) {
            chaddr = Arrays.copyOf(value, 16);
            return this;
        }

        /** Sets sname from bytes (at most 64, zero padded). */
        public Builder sname(byte[] value) {
            sname = fixed(value, 64, "sname");
            return this;
        }

        /** Sets sname from text (ISO-8859-1, at most 64 bytes). */
        public Builder serverHostName(String value) {
            return sname(value.getBytes(StandardCharsets.ISO_8859_1));
        }

        /** Sets file from bytes (at most 128, zero padded). */
        public Builder file(byte[] value) {
            file = fixed(value, 128, "file");
            return this;
        }

        /** Sets file from text (ISO-8859-1, at most 128 bytes). */
        public Builder bootFileName(String value) {
            return file(value.getBytes(StandardCharsets.ISO_8859_1));
        }

        private static byte[] fixed(byte[] value, int size, String field) {
            if (value.length > size) {
                throw new IllegalArgumentException(field + " longer than " + size + " bytes: " + value.length);
            }
            return Arrays.copyOf(value, size);
        }

        /** Adds {@code option}, or replaces the option with the same code where it stands. */
        public Builder option(Dhcp4Option option) {
            for (int i = 0, n = options.size(); i < n; i++) {
                if (options.get(i).code() == option.code()) {
                    options.set(i, option);
                    return this;
                }
            }
            options.add(option);
            return this;
        }

        /** Sets option 53. */
        public Builder messageType(Dhcp4MessageType type) {
            return option(Dhcp4Option.ofUint8(OPTION_MESSAGE_TYPE, type.code()));
        }

        /** Removes the option {@code code} if present. */
        public Builder removeOption(int code) {
            options.removeIf(option -> option.code() == code);
            return this;
        }

        /** Removes all options. */
        public Builder clearOptions() {
            options.clear();
            return this;
        }

        /** Whether an option with {@code code} is present. */
        public boolean hasOption(int code) {
            for (Dhcp4Option option : options) {
                if (option.code() == code) {
                    return true;
                }
            }
            return false;
        }

        /** Orders the options as Kea sends them: 53 first, then ascending codes, 82 last. */
        public Builder orderLikeKea() {
            options.sort(Comparator.comparingInt(Builder::keaRank));
            return this;
        }

        private static int keaRank(Dhcp4Option option) {
            int code = option.code();
            return code == OPTION_MESSAGE_TYPE ? -1 : code == OPTION_RELAY_AGENT_INFORMATION ? 1000 : code;
        }

        /** Zero bytes to write after END (e.g. to reach the 300-byte BOOTP minimum). */
        public Builder padding(int value) {
            if (value < 0) {
                throw new IllegalArgumentException("negative padding");
            }
            padding = value;
            return this;
        }

        public Dhcp4Packet build() {
            return new Dhcp4Packet(op, htype, hlen, hops, xid, secs, flags, ciaddr, yiaddr, siaddr, giaddr,
                    chaddr.clone(), sname.clone(), file.clone(), List.copyOf(options), padding);
        }
    }
}
