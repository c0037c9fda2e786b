package dev.nestor.wire.option;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * Config text is untrusted input too: for every standard definition (and some custom ones), random option-data text
 * in CSV and raw mode either encodes or fails with {@link OptionDataException}, never another exception; whatever
 * encodes also decodes under the same definition. 5,000 cases per run (on top of the 130,000 packet cases).
 */
class OptionDataFuzzTest {
    private static final List<OptionDefinition> V4 = StandardOptions.dhcp4().definitions();
    private static final List<OptionDefinition> V6 = StandardOptions.dhcp6().definitions();
    private static final List<OptionDefinition> CUSTOM = List.of(
            OptionDefinition.of("t", 200, "x", OptionDataType.TUPLE, true),
            OptionDefinition.of("p", 201, "x", OptionDataType.PSID, false),
            OptionDefinition.of("b", 202, "x", OptionDataType.BOOLEAN, true),
            OptionDefinition.of("i", 203, "x", OptionDataType.INT16, true),
            OptionDefinition.record("r", 204, "x", true, OptionDataType.IPV6_PREFIX, OptionDataType.INT8));
    private static final String ALPHABET = "0123456789abcdefxABCDEF.:,/\\' -_truefalsTRUEFALS";

    @Property(tries = 5_000)
    void anyTextGivesBytesOrACheckedError(@ForAll long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int pick = random.nextInt(V4.size() + V6.size() + CUSTOM.size());
        OptionDefinition def;
        Universe universe;
        if (pick < V4.size()) {
            def = V4.get(pick);
            universe = Universe.V4;
        } else if (pick < V4.size() + V6.size()) {
            def = V6.get(pick - V4.size());
            universe = Universe.V6;
        } else {
            def = CUSTOM.get(pick - V4.size() - V6.size());
            universe = random.nextBoolean() ? Universe.V4 : Universe.V6;
        }
        String text = randomText(random);
        boolean csv = random.nextInt(4) != 0;
        try {
            byte[] bytes = OptionDataEncoder.encode(def, text, csv, universe);
            assertThat(OptionDataDecoder.check(def, bytes, 0, bytes.length, universe)).isNull();
            assertThat(OptionDataDecoder.decode(def, bytes, 0, bytes.length, universe))
                    .isInstanceOf(OptionDataDecoder.Result.Values.class);
        } catch (OptionDataException expected) {
            assertThat(expected.getMessage()).isNotBlank();
        }
    }

    /** Mostly plausible values (addresses, numbers, names) joined by commas, sometimes noise. */
    private static String randomText(SplittableRandom random) {
        List<String> items = new ArrayList<>();
        int count = random.nextInt(6);
        for (int i = 0; i < count; i++) {
            items.add(switch (random.nextInt(8)) {
                case 0 -> random.nextInt(256) + "." + random.nextInt(300) + "." + random.nextInt(256) + "." + random.nextInt(256);
                case 1 -> "2001:db8::" + Integer.toHexString(random.nextInt(65536)) + (random.nextBoolean() ? "/" + random.nextInt(140) : "");
                case 2 -> Long.toString(random.nextLong(-70000, 5_000_000_000L));
                case 3 -> "0x" + Integer.toHexString(random.nextInt());
                case 4 -> random.nextInt(70000) + "/" + random.nextInt(20);
                case 5 -> "host" + random.nextInt(9) + ".example" + (random.nextBoolean() ? "." : "");
                case 6 -> random.nextBoolean() ? "true" : "0";
                default -> noise(random);
            });
        }
        return String.join(random.nextInt(5) == 0 ? ", " : ",", items);
    }

    private static String noise(SplittableRandom random) {
        StringBuilder text = new StringBuilder();
        int length = random.nextInt(12);
        for (int i = 0; i < length; i++) {
            text.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return text.toString();
    }
}
