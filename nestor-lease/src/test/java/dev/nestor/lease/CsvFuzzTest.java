package dev.nestor.lease;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

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

    @Provide
    Arbitrary<String> mutatedV4() {
        return mutations(V4_ROWS);
    }

    @Provide
    Arbitrary<String> mutatedV6() {
        return mutations(V6_ROWS);
    }

    static Arbitrary<String> mutations(List<String> rows) {
        Arbitrary<Character> noise = Arbitraries.of(',', ':', '.', '&', '#', 'x', '{', '}', '"', '0', '1', '9', 'f',
                'g', '-', ' ', '\t', '\r', (char) 0xe9, (char) 0);
        return Arbitraries.of(rows).flatMap(row -> Arbitraries.integers().between(0, row.length() - 1).list()
                .ofMinSize(1).ofMaxSize(4).flatMap(positions -> noise.list().ofSize(positions.size())
                        .flatMap(chars -> Arbitraries.integers().between(0, 2).map(kind -> {
                            StringBuilder text = new StringBuilder(row);
                            for (int i = 0; i < positions.size(); i++) {
                                int at = Math.min(positions.get(i), text.length() - 1);
                                switch (kind) {
                                    case 0 -> text.setCharAt(at, chars.get(i));
                                    case 1 -> text.insert(at, chars.get(i));
                                    default -> text.deleteCharAt(at);
                                }
                                if (text.isEmpty()) {
                                    text.append(chars.get(i));
                                }
                            }
                            return text.toString();
                        }))));
    }

    @Property(tries = 2000)
    void mutatedV4RowsDecodeOrFailCleanly(@ForAll("mutatedV4") String row) {
        byte[] bytes = row.getBytes(StandardCharsets.UTF_8);
        try {
            Lease4 lease = Lease4Csv.decode(bytes, 0, bytes.length, 11, new int[54]);
            byte[] again = Lease4Csv.encode(lease, false);
            assertThat(Lease4Csv.decode(again, 0, again.length - 1, 11, new int[54])).isEqualTo(lease);
        } catch (CsvRowException expected) {
            assertThat(expected.getMessage()).isNotBlank();
        }
    }

    @Property(tries = 2000)
    void mutatedV6RowsDecodeOrFailCleanly(@ForAll("mutatedV6") String row) {
        byte[] bytes = row.getBytes(StandardCharsets.UTF_8);
        try {
            Lease6 lease = Lease6Csv.decode(bytes, 0, bytes.length, 17, new int[66]);
            byte[] again = Lease6Csv.encode(lease, false);
            assertThat(Lease6Csv.decode(again, 0, again.length - 1, 17, new int[66])).isEqualTo(lease);
        } catch (CsvRowException expected) {
            assertThat(expected.getMessage()).isNotBlank();
        }
    }

    @Property(tries = 100)
    void mutatedFilesLoadOrAreRefused(@ForAll("mutatedV4") String first, @ForAll("mutatedV4") String second,
                                      @ForAll boolean mutateHeader) throws Exception {
        Path directory = Files.createTempDirectory("nestor-lease-fuzz");
        Path file = directory.resolve("leases4.csv");
        String header = CsvSchema.V4.headerLine;
        if (mutateHeader) {
            header = header.replace("expire", "expires");
        }
        Files.writeString(file, header + first + "\n" + second);
        try (MemfileLeaseStore4 store = MemfileLeaseStore4.open(
                new MemfileSettings(true, file, 0, 1, Durability.WRITE), MemfileLeaseStore4Test.CLOCK)) {
            assertThat(store.count()).isBetween(0L, 2L);
            assertThat(mutateHeader).isFalse();
        } catch (LeaseStoreException refused) {
            assertThat(refused.getMessage()).isNotBlank();
        } finally {
            try (var files = Files.list(directory)) {
                for (Path path : files.toList()) {
                    Files.delete(path);
                }
            }
            Files.delete(directory);
        }
    }
}
