package dev.nestor.wire.v6;

import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A DUID (client or server identifier, RFC 8415 11): opaque bytes with a 16-bit type. Typed views for
 * DUID-LLT (1), DUID-EN (2), DUID-LL (3) and DUID-UUID (4) return empty when the bytes do not fit the type.
 * Text form is Kea's: colon-separated lower-case hex.
 */
public final class Duid {
    public static final int LLT = 1;
    public static final int EN = 2;
    public static final int LL = 3;
    public static final int UUID = 4;
    /** DUID-LLT time counts seconds from 2000-01-01T00:00:00Z. */
    public static final long EPOCH_2000 = 946_684_800L;

    private final byte[] bytes;

    /** A DUID holding a copy of {@code bytes}. */
    public Duid(byte[] bytes) {
        this.bytes = bytes.clone();
    }

    /** DUID-LLT from hardware type, seconds since 2000 and link-layer address. */
    public static Duid llt(int hardwareType, long time, byte[] linkLayerAddress) {
        byte[] out = new byte[8 + linkLayerAddress.length];
        out[1] = LLT;
        out[2] = (byte) (hardwareType >>> 8);
        out[3] = (byte) hardwareType;
        IdentityAssociation.writeInt(out, 4, (int) time);
        System.arraycopy(linkLayerAddress, 0, out, 8, linkLayerAddress.length);
        return new Duid(out);
    }

    /** DUID-EN from enterprise number and identifier. */
    public static Duid en(long enterprise, byte[] identifier) {
        byte[] out = new byte[6 + identifier.length];
        out[1] = EN;
        IdentityAssociation.writeInt(out, 2, (int) enterprise);
        System.arraycopy(identifier, 0, out, 6, identifier.length);
        return new Duid(out);
    }

    /** DUID-LL from hardware type and link-layer address. */
    public static Duid ll(int hardwareType, byte[] linkLayerAddress) {
        byte[] out = new byte[4 + linkLayerAddress.length];
        out[1] = LL;
        out[2] = (byte) (hardwareType >>> 8);
        out[3] = (byte) hardwareType;
        System.arraycopy(linkLayerAddress, 0, out, 4, linkLayerAddress.length);
        return new Duid(out);
    }

    /** The DUID bytes (copy). */
    public byte[] bytes() {
        return bytes.clone();
    }

    public int length() {
        return bytes.length;
    }

    /** The DUID type, or -1 when shorter than 2 bytes. */
    public int type() {
        return bytes.length >= 2 ? ((bytes[0] & 0xff) << 8) | (bytes[1] & 0xff) : -1;
    }

    /** Whether the length is within Kea's accepted 3..128 bytes. */
    public boolean lengthAcceptable() {
        return bytes.length >= 3 && bytes.length <= 128;
    }

    /** Hardware type of a DUID-LLT or DUID-LL. */
    public OptionalInt hardwareType() {
        int type = type();
        if ((type == LLT && bytes.length >= 8) || (type == LL && bytes.length >= 4)) {
            return OptionalInt.of(((bytes[2] & 0xff) << 8) | (bytes[3] & 0xff));
        }
        return OptionalInt.empty();
    }

    /** Link-layer address of a DUID-LLT or DUID-LL. */
    public Optional<byte[]> linkLayerAddress() {
        int type = type();
        if (type == LLT && bytes.length >= 8) {
            return Optional.of(Arrays.copyOfRange(bytes, 8, bytes.length));
        }
        if (type == LL && bytes.length >= 4) {
            return Optional.of(Arrays.copyOfRange(bytes, 4, bytes.length));
        }
        return Optional.empty();
    }

    /** Creation time of a DUID-LLT. */
    public Optional<Instant> time() {
        return type() == LLT && bytes.length >= 8
                ? Optional.of(Instant.ofEpochSecond(EPOCH_2000 + (IdentityAssociation.readInt(bytes, 4) & 0xffffffffL)))
                : Optional.empty();
    }

    /** Enterprise number of a DUID-EN. */
    public Optional<Long> enterpriseNumber() {
        return type() == EN && bytes.length >= 6
                ? Optional.of(IdentityAssociation.readInt(bytes, 2) & 0xffffffffL) : Optional.empty();
    }

    /** Identifier part of a DUID-EN, or the 16 bytes of a DUID-UUID. */
    public Optional<byte[]> identifier() {
        if (type() == EN && bytes.length >= 6) {
            return Optional.of(Arrays.copyOfRange(bytes, 6, bytes.length));
        }
        if (type() == UUID && bytes.length == 18) {
            return Optional.of(Arrays.copyOfRange(bytes, 2, 18));
        }
        return Optional.empty();
    }

    /** As option 1 (client-id) or 2 (server-id). */
    public Dhcp6Option toOption(int code) {
        return Dhcp6Option.of(code, bytes);
    }

    /** Kea's text: {@code 00:01:00:01:...}. */
    public String toText() {
        return HexFormat.ofDelimiter(":").formatHex(bytes);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Duid that && Arrays.equals(bytes, that.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return toText();
    }
}
