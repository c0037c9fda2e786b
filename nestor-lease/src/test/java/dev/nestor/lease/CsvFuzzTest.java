package dev.nestor.lease;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Lease files are untrusted input: mutated copies of real rows (from Kea-written examples) must decode to a lease or
 * to a {@link CsvRowException}, never to another exception, and a whole mutated file must load or be refused with
 * {@link LeaseStoreException}.
 */
class CsvFuzzTest {

    static final List<String> V4_ROWS = List.of(
            "192.0.2.10,00:0c:01:02:03:04,01:00:0c:01:02:03:04,4000,1700004000,1,0,0,host-a,0,",
            "192.0.2.11,00:0c:01:02:03:05,,4000,1700004100,1,1,1,host-b.example.org,0,{ \"note\": \"x&#x2c y\" }",
            "192.0.2.12,,,86400,1700090000,1,0,0,,1,",
            "192.0.2.20,0a:0b:0c:0d:0e:0f,01:0a:0b,3600,1900003600,1,0,0,mixed&#x2ccase&#x26x,0,"
                    + "{ \"a\": [ 1&#x2c 2 ]&#x2c \"b\": \"c&#x2cd\" }");
    static final List<String> V6_ROWS = List.of(
            "2001:db8:1::5,00:01:00:01:aa:bb:cc:dd:ee:ff,4000,1900004000,1,3000,0,1,128,0,0,a&#x2cb&#x26c,"
                    + "aa:bb:cc:dd:ee:ff,0,{ \"x\": \"y&#x2cz\" },1,0",
            "2001:db8:2::,00:01:00:01:aa:bb:cc:dd:ee:ff,4000,1900004000,2,3000,2,2,56,0,0,,,0,,,",
            "2001:db8:1::6,00,4000,1900004000,1,7200,0,1,128,0,0,,,1,,,");

    static final char[] NOISE = {',', ':', '.', '&', '#', 'x', '{', '}', '"', '0', '1', '9', 'f', 'g', '-', ' ',
        '\t', '\r', (char) 0xe9, (char) 0};

    /** One to four replaced, inserted or deleted characters in one of {@code rows}. */
    static String mutate(RandomGenerator random, List<String> rows) {
        StringBuilder text = new StringBuilder(rows.get(random.nextInt(rows.size())));
        int kind = random.nextInt(3);
        int changes = 1 + random.nextInt(4);
        for (int i = 0; i < changes; i++) {
            char noise = NOISE[random.nextInt(NOISE.length)];
            if (text.isEmpty()) {
                text.append(noise);
                continue;
            }
            int at = random.nextInt(text.length());
            switch (kind) {
                case 0 -> text.setCharAt(at, noise);
                case 1 -> text.insert(at, noise);
                default -> text.deleteCharAt(at);
            }
        }
        return text.toString();
    }

    @Test
    void mutatedV4RowsDecodeOrFailCleanly() throws Exception {
        RandomGenerator random = RandomGeneratorFactory.of("L64X128MixRandom").create(44);
        for (int run = 0; run < 20_000; run++) {
            String row = mutate(random, V4_ROWS);
            byte[] bytes = row.getBytes(StandardCharsets.UTF_8);
            try {
                Lease4 lease = Lease4Csv.decode(bytes, 0, bytes.length, 11, new int[54]);
                byte[] again = Lease4Csv.encode(lease, false);
                assertThat(Lease4Csv.decode(again, 0, again.length - 1, 11, new int[54])).as(row).isEqualTo(lease);
            } catch (CsvRowException expected) {
                assertThat(expected.getMessage()).isNotBlank();
            }
        }
    }

    @Test
    void mutatedV6RowsDecodeOrFailCleanly() throws Exception {
        RandomGenerator random = RandomGeneratorFactory.of("L64X128MixRandom").create(66);
        for (int run = 0; run < 20_000; run++) {
            String row = mutate(random, V6_ROWS);
            byte[] bytes = row.getBytes(StandardCharsets.UTF_8);
            try {
                Lease6 lease = Lease6Csv.decode(bytes, 0, bytes.length, 17, new int[66]);
                byte[] again = Lease6Csv.encode(lease, false);
                assertThat(Lease6Csv.decode(again, 0, again.length - 1, 17, new int[66])).as(row).isEqualTo(lease);
            } catch (CsvRowException expected) {
                assertThat(expected.getMessage()).isNotBlank();
            }
        }
    }

    @Test
    void mutatedFilesLoadOrAreRefused(@TempDir Path directory) throws Exception {
        RandomGenerator random = RandomGeneratorFactory.of("L64X128MixRandom").create(7);
        for (int run = 0; run < 200; run++) {
            Path file = directory.resolve("leases4-" + run + ".csv");
            boolean mutateHeader = random.nextInt(4) == 0;
            String header = mutateHeader ? CsvSchema.V4.headerLine.replace("expire", "expires")
                    : CsvSchema.V4.headerLine;
            Files.writeString(file, header + mutate(random, V4_ROWS) + "\n" + mutate(random, V4_ROWS));
            try (MemfileLeaseStore4 store = MemfileLeaseStore4.open(
                    new MemfileSettings(true, file, 0, 1, Durability.WRITE), MemfileLeaseStore4Test.CLOCK)) {
                assertThat(store.count()).isBetween(0L, 2L);
                assertThat(mutateHeader).isFalse();
            } catch (LeaseStoreException refused) {
                assertThat(refused.getMessage()).isNotBlank();
            }
        }
    }
}
