package dev.nestor.wire.option;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads an option payload into typed {@link OptionValue}s under its definition, or says why it cannot. Used on
 * demand (not on the packet hot path) and to check raw config data. Bytes left after the definition's fields of an
 * option that encapsulates a space are sub-options and are not decoded here.
 */
public final class OptionDataDecoder {
    private OptionDataDecoder() {
    }

    /** The outcome of decoding: the values, or the reason the payload does not fit the definition. */
    public sealed interface Result {
        /** The payload fits; {@code values} in wire order; {@code consumed} bytes were used. */
        record Values(List<OptionValue> values, int consumed) implements Result {
            public Values {
                values = List.copyOf(values);
            }
        }

        /** The payload does not fit. */
        record Malformed(String reason) implements Result {
        }
    }

    /** Decodes {@code bytes[offset, offset+length)} under {@code def}. */
    public static Result decode(OptionDefinition def, byte[] bytes, int offset, int length, Universe universe) {
        List<OptionValue> values = new ArrayList<>();
        int[] end = {offset + length};
        String problem = walk(def, bytes, offset, length, universe, values, end);
        if (problem != null) {
            return new Result.Malformed(problem);
        }
        return new Result.Values(values, end[0] - offset);
    }

    /** Null when the payload fits the definition, else Kea-like text saying why not. */
    public static String check(OptionDefinition def, byte[] bytes, int offset, int length, Universe universe) {
        return walk(def, bytes, offset, length, universe, null, new int[1]);
    }

    private static String walk(OptionDefinition def, byte[] bytes, int offset, int length, Universe universe,
                               List<OptionValue> values, int[] end) {
        int limit = offset + length;
        OptionDataType type = def.type();
        String where = "option " + def.code();
        end[0] = limit;
        if (type == OptionDataType.EMPTY) {
            end[0] = offset;
            return null;
        }
        if (type == OptionDataType.RECORD) {
            int position = offset;
            List<OptionDataType> fields = def.recordTypes();
            for (int i = 0; i < fields.size(); i++) {
                int next = fieldEnd(fields.get(i), bytes, position, limit, universe);
                if (next < 0 && i == fields.size() - 1 && !def.array() && fields.get(i) == OptionDataType.FQDN) {
                    // Kea accepts an empty or partial (unterminated) name in the client FQDN options 81 / 39
                    next = limit;
                }
                if (next < 0) {
                    return where + " is truncated: field " + i + " (" + fields.get(i).keaName() + ") does not fit";
                }
                add(values, fields.get(i), bytes, position, next, universe);
                position = next;
            }
            end[0] = position;
            if (def.array()) {
                OptionDataType last = fields.get(fields.size() - 1);
                while (position < limit) {
                    int next = fieldEnd(last, bytes, position, limit, universe);
                    if (next < 0 || next == position) {
                        return where + " is truncated: repeated " + last.keaName() + " field does not fit";
                    }
                    add(values, last, bytes, position, next, universe);
                    position = next;
                }
                end[0] = position;
            }
            return null;
        }
        if (def.array()) {
            int position = offset;
            if (position == limit && type.isInteger()) {
                return "option " + def.code() + " empty";
            }
            if (type == OptionDataType.IPV4_ADDRESS && length % 4 != 0 && universe == Universe.V4) {
                return "DHCPv4 Option4AddrLst " + def.code() + " has invalid length=" + length
                        + ", must be divisible by 4.";
            }
            if (type == OptionDataType.IPV6_ADDRESS && length % 16 != 0 && universe == Universe.V6) {
                return "Option " + def.code() + " malformed: len=" + length + " is not divisible by 16.";
            }
            while (position < limit) {
                int next = fieldEnd(type, bytes, position, limit, universe);
                if (type == OptionDataType.TUPLE && next < 0) {
                    return tupleProblem(bytes, position, limit, universe);
                }
                if (next < 0 || next == position) {
                    return type == OptionDataType.FQDN ? "incomplete wire-format name"
                            : where + " has invalid length " + length + " for an array of " + type.keaName();
                }
                add(values, type, bytes, position, next, universe);
                position = next;
            }
            return null;
        }
        if (type == OptionDataType.STRING && onlyNuls(bytes, offset, limit)) {
            return "failed to parse an option '" + def.code() + "' holding string value' was empty or contained only nuls";
        }
        int next = fieldEnd(type, bytes, offset, limit, universe);
        if (next < 0) {
            if (type.isInteger()) {
                return "OptionInt " + def.code() + " truncated";
            }
            if (type == OptionDataType.TUPLE) {
                return tupleProblem(bytes, offset, limit, universe);
            }
            return type == OptionDataType.FQDN ? "incomplete wire-format name"
                    : where + " is truncated: " + type.keaName() + " value does not fit in " + length + " bytes";
        }
        add(values, type, bytes, offset, next, universe);
        end[0] = next;
        return null;
    }

    private static String tupleProblem(byte[] bytes, int position, int limit, Universe universe) {
        int header = universe == Universe.V4 ? 1 : 2;
        if (position + header > limit) {
            return "unable to parse the opaque data tuple, the buffer length is " + (limit - position)
                    + ", but the length of the tuple length field is " + header;
        }
        int size = header == 1 ? bytes[position] & 0xff
                : ((bytes[position] & 0xff) << 8) | (bytes[position + 1] & 0xff);
        return "unable to parse the opaque data tuple, the buffer length is " + (limit - position - header)
                + ", but the tuple length is " + size;
    }

    private static boolean onlyNuls(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return true;
    }

    /** End offset of one field starting at {@code position}, or -1 when it does not fit before {@code limit}. */
    static int fieldEnd(OptionDataType type, byte[] bytes, int position, int limit, Universe universe) {
        int fixed = type.fixedLength();
        if (fixed >= 0) {
            return position + fixed <= limit ? position + fixed : -1;
        }
        return switch (type) {
            case BINARY, STRING -> limit;
            case FQDN -> DomainNames.read(bytes, position, limit, null);
            case IPV6_PREFIX -> {
                if (position >= limit) {
                    yield -1;
                }
                int prefixLength = bytes[position] & 0xff;
                if (prefixLength > 128) {
                    yield -1;
                }
                int end = position + 1 + (prefixLength + 7) / 8;
                yield end <= limit ? end : -1;
            }
            case TUPLE -> {
                int header = universe == Universe.V4 ? 1 : 2;
                if (position + header > limit) {
                    yield -1;
                }
                int size = header == 1 ? bytes[position] & 0xff
                        : ((bytes[position] & 0xff) << 8) | (bytes[position + 1] & 0xff);
                int end = position + header + size;
                yield end <= limit ? end : -1;
            }
            default -> -1;
        };
    }

    private static void add(List<OptionValue> values, OptionDataType type, byte[] bytes, int from, int to,
                            Universe universe) {
        if (values == null) {
            return;
        }
        values.add(switch (type) {
            case UINT8 -> new OptionValue.Integer(type, bytes[from] & 0xff);
            case INT8 -> new OptionValue.Integer(type, bytes[from]);
            case UINT16 -> new OptionValue.Integer(type, ((bytes[from] & 0xff) << 8) | (bytes[from + 1] & 0xff));
            case INT16 -> new OptionValue.Integer(type, (short) (((bytes[from] & 0xff) << 8) | (bytes[from + 1] & 0xff)));
            case UINT32 -> new OptionValue.Integer(type, AddressText.readInt(bytes, from) & 0xffffffffL);
            case INT32 -> new OptionValue.Integer(type, AddressText.readInt(bytes, from));
            case BOOLEAN -> new OptionValue.Flag(bytes[from] != 0);
            case IPV4_ADDRESS -> new OptionValue.Ipv4(AddressText.readInt(bytes, from));
            case IPV6_ADDRESS -> new OptionValue.Ipv6(java.util.Arrays.copyOfRange(bytes, from, from + 16));
            case IPV6_PREFIX -> {
                byte[] address = new byte[16];
                System.arraycopy(bytes, from + 1, address, 0, to - from - 1);
                yield new OptionValue.Prefix(bytes[from] & 0xff, address);
            }
            case PSID -> {
                int psidLength = bytes[from] & 0xff;
                int raw = ((bytes[from + 1] & 0xff) << 8) | (bytes[from + 2] & 0xff);
                int psid = psidLength == 0 || psidLength > 16 ? 0 : raw >>> (16 - psidLength);
                yield new OptionValue.Psid(psid, psidLength);
            }
            case STRING -> new OptionValue.Text(type, new String(bytes, from, to - from, StandardCharsets.UTF_8));
            case FQDN -> {
                StringBuilder text = new StringBuilder();
                DomainNames.read(bytes, from, to, text);
                yield new OptionValue.Text(type, text.toString());
            }
            case TUPLE -> {
                int header = universe == Universe.V4 ? 1 : 2;
                yield new OptionValue.Text(type, new String(bytes, from + header, to - from - header,
                        StandardCharsets.UTF_8));
            }
            case BINARY, EMPTY, RECORD -> new OptionValue.Binary(java.util.Arrays.copyOfRange(bytes, from, to));
        });
    }
}
