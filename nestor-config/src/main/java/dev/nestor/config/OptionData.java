package dev.nestor.config;

import dev.nestor.json.JsonObject;
import java.util.Arrays;
import java.util.List;

/**
 * One configured option, already encoded to its payload bytes (without code and length).
 *
 * @param space       option space, e.g. {@code dhcp4} or {@code vendor-4491}
 * @param code        option code
 * @param name        option name from its definition, or empty when the option has no definition
 * @param alwaysSend  send even when the client did not ask for it
 * @param csvFormat   whether the text was read as CSV (true) or raw hex/quoted text (false)
 * @param text        the {@code data} text as written (for {@code config-get} and messages)
 * @param userContext user context (with {@code comment} folded in), or {@code null}
 */
public record OptionData(String space, int code, String name, byte[] payload, boolean alwaysSend, boolean csvFormat,
                         String text, JsonObject userContext) {

    /** Copies the payload so the record stays immutable. */
    public OptionData {
        payload = payload.clone();
    }

    /** A copy of the payload bytes. */
    @Override
    public byte[] payload() {
        return payload.clone();
    }

    /** Payload length in bytes. */
    public int length() {
        return payload.length;
    }

    /** Copies the payload into {@code destination} at {@code offset} (the hot path: no allocation). */
    public void copyPayload(byte[] destination, int offset) {
        System.arraycopy(payload, 0, destination, offset, payload.length);
    }

    /** The first option of {@code options} with this space and code, or {@code null}. */
    public static OptionData find(List<OptionData> options, String space, int code) {
        for (OptionData o : options) {
            if (o.code == code && o.space.equals(space)) return o;
        }
        return null;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof OptionData o && o.space.equals(space) && o.code == code && o.name.equals(name)
                && Arrays.equals(o.payload, payload) && o.alwaysSend == alwaysSend && o.csvFormat == csvFormat
                && o.text.equals(text) && java.util.Objects.equals(o.userContext, userContext);
    }

    @Override
    public int hashCode() {
        return (space.hashCode() * 31 + code) * 31 + Arrays.hashCode(payload);
    }

    @Override
    public String toString() {
        return "OptionData[" + space + "." + (name.isEmpty() ? Integer.toString(code) : name) + "=" + text + "]";
    }
}
