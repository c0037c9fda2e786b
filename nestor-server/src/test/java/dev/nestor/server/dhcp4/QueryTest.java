package dev.nestor.server.dhcp4;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The option table of {@link Query} against a plain re-reading of the same bytes, on seeded random packets. */
class QueryTest {

    private static byte[] packet(SplittableRandom random, ByteArrayOutputStream options) {
        byte[] header = new byte[Query.HEADER_LENGTH + 4];
        header[0] = 1;
        header[1] = 1;
        header[2] = 6;
        header[236] = 0x63;
        header[237] = (byte) 0x82;
        header[238] = 0x53;
        header[239] = 0x63;
        byte[] body = options.toByteArray();
        byte[] data = Arrays.copyOf(header, header.length + body.length);
        System.arraycopy(body, 0, data, header.length, body.length);
        return data;
    }

    /** Concatenated payloads of {@code code} as RFC 3396 reads them, null when absent. */
    private static byte[] reference(byte[] data, int code) {
        ByteArrayOutputStream joined = null;
        int position = Query.HEADER_LENGTH + 4;
        while (position < data.length) {
            int current = data[position] & 0xFF;
            if (current == 255) {
                break;
            }
            if (current == 0) {
                position++;
                continue;
            }
            if (position + 1 >= data.length) {
                break;
            }
            int length = data[position + 1] & 0xFF;
            if (position + 2 + length > data.length) {
                break;
            }
            if (current == code) {
                if (joined == null) {
                    joined = new ByteArrayOutputStream();
                }
                joined.write(data, position + 2, length);
            }
            position += 2 + length;
        }
        return joined == null ? null : joined.toByteArray();
    }

    @Test
    void everyOptionReadsAsTheBytesSayIncludingRepeatsPadsAndTruncation() throws Exception {
        long seed = 20261126L;
        SplittableRandom random = new SplittableRandom(seed);
        for (int round = 0; round < 2_000; round++) {
            ByteArrayOutputStream options = new ByteArrayOutputStream();
            options.write(new byte[] {53, 1, (byte) (1 + random.nextInt(8))});
            int count = random.nextInt(40);
            for (int i = 0; i < count; i++) {
                // few distinct codes so that repeats are common; sometimes a pad
                int code = random.nextInt(10) == 0 ? 0 : 1 + random.nextInt(random.nextBoolean() ? 12 : 254);
                if (code == 0) {
                    options.write(0);
                    continue;
                }
                int length = random.nextInt(random.nextBoolean() ? 6 : 255);
                options.write(code);
                options.write(length);
                for (int b = 0; b < length; b++) {
                    options.write(random.nextInt(256));
                }
            }
            if (random.nextBoolean()) {
                options.write(255);
            }
            byte[] data = packet(random, options);
            if (random.nextInt(5) == 0) {
                data = Arrays.copyOf(data, Query.HEADER_LENGTH + 4 + random.nextInt(options.size() + 1));
            }
            Query query = Query.parse(data);
            for (int code = 1; code < 255; code++) {
                byte[] expected = reference(data, code);
                String where = "seed " + seed + ", round " + round + ", option " + code;
                assertThat(query.has(code)).as(where).isEqualTo(expected != null);
                assertThat(query.option(code)).as(where).isEqualTo(expected);
                assertThat(query.optionLength(code)).as(where).isEqualTo(expected == null ? -1 : expected.length);
                if (expected != null && expected.length == 4) {
                    int value = ((expected[0] & 0xFF) << 24) | ((expected[1] & 0xFF) << 16)
                            | ((expected[2] & 0xFF) << 8) | (expected[3] & 0xFF);
                    assertThat(query.addressOption(code)).as(where).isEqualTo(value);
                } else {
                    assertThat(query.addressOption(code)).as(where).isZero();
                }
            }
        }
    }
}
