package dev.nestor.control;

import dev.nestor.json.JsonArray;
import dev.nestor.json.JsonBoolean;
import dev.nestor.json.JsonNull;
import dev.nestor.json.JsonNumber;
import dev.nestor.json.JsonObject;
import dev.nestor.json.JsonString;
import dev.nestor.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Random JSON shapes for command fuzzing, from a seeded {@link Random} so every failure can be
 * replayed: values biased towards the keys and strings the commands look for (addresses, identifiers,
 * origins), so that generated commands get past the first checks and reach deeper code.
 */
public final class RandomJson {

    private static final List<String> KEYS = List.of("ip-address", "hw-address", "subnet-id", "identifier-type",
            "identifier", "from", "limit", "subnets", "name", "max-period", "origin", "remove", "exit-value", "Dhcp4",
            "filename", "client-id", "hostname", "valid-lft", "expire", "state", "user-context", "comment", "force-create",
            "fqdn-fwd", "fqdn-rev", "id", "subnet", "update-ddns", "subnet4", "pools", "pool", "valid-lifetime");
    private static final List<String> STRINGS = List.of("192.0.2.7", "192.0.2.300", "198.51.100.9", "start", "0.0.0.0",
            "1a:1b:1c:1d:1e:1f", "01:02:03", "0x0102", "hw-address", "client-id", "duid", "address", "ha-partner", "user",
            "", "2001:db8::1", "10.0.0.0/8", "192.0.2.0/24", "192.0.2.10 - 192.0.2.20", "HOST.example.org");

    private final Random random;

    public RandomJson(long seed) {
        random = new Random(seed);
    }

    public Random random() {
        return random;
    }

    /** A value nested at most {@code depth} levels. */
    public JsonValue value(int depth) {
        int kind = random.nextInt(depth > 0 ? 10 : 7);
        return switch (kind) {
            case 0 -> JsonString.of(text(12));
            case 1 -> JsonString.of(STRINGS.get(random.nextInt(STRINGS.size())));
            case 2 -> JsonNumber.of(random.nextLong());
            case 3 -> JsonNumber.of(random.nextInt(304) - 3);
            case 4 -> JsonNumber.of(random.nextDouble() * 1e6 - 5e5);
            case 5 -> JsonBoolean.of(random.nextBoolean());
            case 6 -> JsonNull.INSTANCE;
            case 7 -> {
                List<JsonValue> items = new ArrayList<>();
                for (int i = random.nextInt(5); i > 0; i--) {
                    items.add(value(depth - 1));
                }
                yield new JsonArray(items, null);
            }
            default -> map(depth - 1);
        };
    }

    /** A map of up to five members with mostly known keys. */
    public JsonObject map(int depth) {
        JsonObject.Builder builder = JsonObject.builder();
        for (int i = random.nextInt(6); i > 0; i--) {
            String key = random.nextInt(4) == 0 ? text(6) : KEYS.get(random.nextInt(KEYS.size()));
            builder.put(key, value(depth));
        }
        return builder.build();
    }

    /** Any text of up to {@code max} characters, control characters and non-ASCII included. */
    public String text(int max) {
        StringBuilder out = new StringBuilder();
        for (int i = random.nextInt(max + 1); i > 0; i--) {
            int pick = random.nextInt(10);
            String syntax = "{}[]\":,\\#/*";
            out.append(pick < 6 ? (char) (' ' + random.nextInt(95)) : pick < 8 ? syntax.charAt(random.nextInt(syntax.length()))
                    : (char) random.nextInt(0x3000));
        }
        return out.toString();
    }

    public byte[] bytes(int max) {
        byte[] bytes = new byte[random.nextInt(max + 1)];
        random.nextBytes(bytes);
        return bytes;
    }
}
