package dev.nestor.json;

import java.math.BigDecimal;

/**
 * A JSON number. Keeps the exact text it was written with (so a value is re-written byte for byte) and
 * whether it is an integer that fits a signed 64-bit {@code long} (Kea's "integer") or anything else
 * (Kea's "real").
 */
public final class JsonNumber implements JsonValue {
    private final String text;
    private final boolean integral;
    private final long longValue;
    private final Position position;

    private JsonNumber(String text, boolean integral, long longValue, Position position) {
        this.text = text;
        this.integral = integral;
        this.longValue = longValue;
        this.position = position;
    }

    /** A positionless integer. */
    public static JsonNumber of(long value) {
        return new JsonNumber(Long.toString(value), true, value, null);
    }

    /**
     * A positionless real.
     *
     * @throws IllegalArgumentException for NaN and infinities, which JSON cannot express
     */
    public static JsonNumber of(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            throw new IllegalArgumentException("JSON cannot express " + value);
        }
        return new JsonNumber(Double.toString(value), false, 0, null);
    }

    /**
     * A number from JSON number text (strict JSON syntax, already validated by the caller or by this method).
     *
     * @throws NumberFormatException if {@code text} is not a JSON number
     */
    public static JsonNumber parse(String text, Position position) {
        if (!isJsonNumber(text)) {
            throw new NumberFormatException("not a JSON number: " + text);
        }
        boolean looksIntegral = text.indexOf('.') < 0 && text.indexOf('e') < 0 && text.indexOf('E') < 0;
        if (looksIntegral) {
            try {
                return new JsonNumber(text, true, Long.parseLong(text), position);
            } catch (NumberFormatException tooBig) {
                return new JsonNumber(text, false, 0, position);
            }
        }
        return new JsonNumber(text, false, 0, position);
    }

    /** Strict JSON number grammar: {@code -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?}. */
    static boolean isJsonNumber(String s) {
        int i = 0;
        int n = s.length();
        if (i < n && s.charAt(i) == '-') i++;
        if (i >= n) return false;
        if (s.charAt(i) == '0') {
            i++;
        } else if (s.charAt(i) >= '1' && s.charAt(i) <= '9') {
            while (i < n && Character.isDigit(s.charAt(i)) && s.charAt(i) < 128) i++;
        } else {
            return false;
        }
        if (i < n && s.charAt(i) == '.') {
            i++;
            int start = i;
            while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') i++;
            if (i == start) return false;
        }
        if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            i++;
            if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) i++;
            int start = i;
            while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') i++;
            if (i == start) return false;
        }
        return i == n;
    }

    /** The number as JSON text (exactly as parsed, or canonical for built values). */
    public String text() { return text; }

    /** True when this is an integer fitting a signed 64-bit long. */
    public boolean isIntegral() { return integral; }

    /**
     * The integer value.
     *
     * @throws ArithmeticException if this number is not an integer fitting a long
     */
    public long longValue() {
        if (!integral) {
            throw new ArithmeticException("not a 64-bit integer: " + text);
        }
        return longValue;
    }

    /** The value as a double (integers converted, possibly losing precision beyond 2^53). */
    public double doubleValue() {
        return integral ? (double) longValue : Double.parseDouble(text);
    }

    /** The exact value. */
    public BigDecimal decimalValue() {
        return integral ? BigDecimal.valueOf(longValue) : new BigDecimal(text);
    }

    @Override public Position position() { return position; }
    @Override public String typeName() { return integral ? "integer" : "real"; }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof JsonNumber n)) return false;
        if (integral && n.integral) return longValue == n.longValue;
        return decimalValue().compareTo(n.decimalValue()) == 0;
    }

    @Override
    public int hashCode() {
        return decimalValue().stripTrailingZeros().hashCode();
    }

    @Override public String toString() { return text; }
}
