package dev.nestor.lease;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Lease4CsvTest {

    static final String HEADER = MemfileLeaseStore4Test.HEADER;
    static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(1_700_000_000L), ZoneOffset.UTC);

    @TempDir
    Path directory;

    static Lease4 decode(String row, int headerColumns) throws CsvRowException {
        byte[] bytes = row.getBytes(StandardCharsets.UTF_8);
        return Lease4Csv.decode(bytes, 0, bytes.length, headerColumns, new int[64]);
    }

    MemfileLeaseStore4 load(String content, long maxRowErrors) throws Exception {
        Path file = directory.resolve("leases4.csv");
        Files.writeString(file, content);
        return MemfileLeaseStore4.open(new MemfileSettings(true, file, 0, maxRowErrors, Durability.WRITE), CLOCK);
    }

    @Test
    void decodesTheSpecExampleRows() throws Exception {
        Lease4 first = decode("192.0.2.10,00:0c:01:02:03:04,01:00:0c:01:02:03:04,4000,1700004000,1,0,0,host-a,0,", 11);
        assertThat(first.address()).isEqualTo(0xc000020a);
        assertThat(first.cltt()).isEqualTo(1_700_000_000L);
        assertThat(first.clientId().toString()).isEqualTo("01:00:0c:01:02:03:04");
        Lease4 second = decode(
                "192.0.2.11,00:0c:01:02:03:05,,4000,1700004100,1,1,1,host-b.example.org,0,{ \"note\": \"x&#x2c y\" }",
                11);
        assertThat(second.userContext()).isEqualTo("{ \"note\": \"x, y\" }");
        assertThat(second.fqdnForward()).isTrue();
        Lease4 declined = decode("192.0.2.12,,,86400,1700090000,1,0,0,,1,", 11);
        assertThat(declined.state()).isEqualTo(LeaseState.DECLINED);
        assertThat(declined.hardwareAddress().isEmpty()).isTrue();
    }

    @Test
    void unescapesOnlyCompleteSequencesInEitherCase() throws Exception {
        Lease4 lease = decode("192.0.2.1,01:02,,1,2,1,0,0,a&#x2Cb&#x26c&#xzz&#x2,0,", 11);
        assertThat(lease.hostname()).isEqualTo("a,b&c&#xzz&#x2");
    }

    @Test
    void rejectsMalformedRows() {
        String[] rows = {
            "192.0.2.256,01:02,,1,2,1,0,0,,0,",           // address
            "192.0.2.1,01:0g,,1,2,1,0,0,,0,",             // hex
            "192.0.2.1,01:02,,4294967296,4294967296,1,0,0,,0,", // lifetime over uint32
            "192.0.2.1,01:02,,1,2,1,true,0,,0,",          // bool is 1/0 only
            "192.0.2.1,01:02,,1,2,1,0,0,,5,",             // state
            "192.0.2.1,01:02,,1,2,1,0,0,,0,{ \"a\": }",    // JSON
            "192.0.2.1,01:02,,1,2,1,0,0,,0,[ 1 ]",        // JSON not a map
            "192.0.2.1,,,1,2,1,0,0,,0,",                  // neither hwaddr nor client id, not declined
            "192.0.2.1,01:02,,1,2,1,0,0,,0",              // too few columns
            "192.0.2.1,01:02,,1,2,1,0,0,,0,,",            // too many columns
            "192.0.2.1,01:02,,10,5,1,0,0,,0,",            // expire before lifetime
        };
        for (String row : rows) {
            assertThatThrownBy(() -> decode(row, 11)).as(row).isInstanceOf(CsvRowException.class);
        }
    }

    @Test
    void olderAndNewerHeadersLoad() throws Exception {
        String schema1 = "address,hwaddr,client_id,valid_lifetime,expire,subnet_id,fqdn_fwd,fqdn_rev,hostname\n"
                + "192.0.2.1,01:02:03:04:05:06,,100,200,1,0,0,old\n";
        try (MemfileLeaseStore4 store = load(schema1, 0)) {
            assertThat(store.getAll()).singleElement().satisfies(lease -> {
                assertThat(lease.hostname()).isEqualTo("old");
                assertThat(lease.state()).isEqualTo(LeaseState.DEFAULT);
            });
            // as Kea, an old schema triggers a cleanup at once, which rewrites the leases in the 2.2 schema
            Path converted = directory.resolve("leases4.csv.2");
            long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(20);
            while (!(Files.exists(converted) && Files.notExists(directory.resolve("leases4.csv.pid")))
                    && System.nanoTime() < deadline) {
                java.util.concurrent.locks.LockSupport.parkNanos(10_000_000);
            }
            assertThat(Files.readString(converted))
                    .isEqualTo(HEADER + "192.0.2.1,01:02:03:04:05:06,,100,200,1,0,0,old,0,\n");
            assertThat(Files.readString(directory.resolve("leases4.csv"))).isEqualTo(HEADER);
        }
        String schema3 = HEADER.trim() + ",pool_id\n" + "192.0.2.1,01:02:03:04:05:06,,100,200,1,0,0,new,0,,5\n";
        try (MemfileLeaseStore4 store = load(schema3, 0)) {
            assertThat(store.count()).isEqualTo(1);
            assertThat(store.loadSummary().rowErrors()).isZero();
        }
    }

    @Test
    void wrongHeaderRefusesTheFile() {
        assertThatThrownBy(() -> load("address,hwaddr,client,valid_lifetime,expire,subnet_id,fqdn_fwd,fqdn_rev,"
                + "hostname,state,user_context\n", 0)).isInstanceOf(LeaseStoreException.class)
                .hasMessageContaining("client_id");
        assertThatThrownBy(() -> load("address,hwaddr,client_id\n", 0)).isInstanceOf(LeaseStoreException.class);
    }

    @Test
    void maxRowErrorsBoundsBadRows() throws Exception {
        String content = HEADER
                + "bad\n"
                + "192.0.2.1,01:02:03:04:05:06,,100,200,1,0,0,,0,\n"
                + "192.0.2.2,zz,,100,200,1,0,0,,0,\n"
                + "\n"
                + "192.0.2.3,01:02:03:04:05:07,,100,200,1,0,0,,0,\n";
        try (MemfileLeaseStore4 store = load(content, 0)) {
            assertThat(store.loadSummary().rowErrors()).isEqualTo(3);
            assertThat(store.count()).isEqualTo(2);
        }
        try (MemfileLeaseStore4 store = load(content, 3)) {
            assertThat(store.count()).isEqualTo(2);
        }
        assertThatThrownBy(() -> load(content, 2)).isInstanceOf(LeaseStoreException.class)
                .hasMessageContaining("exceeded maximum number of failures");
    }

    @Test
    void loadsCompletedInsteadOfRotatedFilesThenTheCurrentOne() throws Exception {
        Path file = directory.resolve("leases4.csv");
        String row = "192.0.2.1,01:02:03:04:05:06,,100,%d,1,0,0,%s,0,\n";
        Files.writeString(directory.resolve("leases4.csv.2"), HEADER + row.formatted(200, "two"));
        Files.writeString(directory.resolve("leases4.csv.1"), HEADER + row.formatted(300, "one")
                + "192.0.2.2,01:02:03:04:05:07,,100,300,1,0,0,,0,\n");
        Files.writeString(file, HEADER + "192.0.2.2,01:02:03:04:05:07,,0,200,1,0,0,,0,\n");
        MemfileSettings settings = MemfileSettings.persistent(file).withLfcInterval(0);
        try (MemfileLeaseStore4 store = MemfileLeaseStore4.open(settings, CLOCK)) {
            assertThat(store.getAll()).singleElement().extracting(Lease4::hostname).isEqualTo("one");
            assertThat(store.loadSummary().files()).hasSize(3);
        }
        Files.writeString(directory.resolve("leases4.csv.completed"), HEADER + row.formatted(400, "completed"));
        try (MemfileLeaseStore4 store = MemfileLeaseStore4.open(settings, CLOCK)) {
            assertThat(store.getAll()).singleElement().extracting(Lease4::hostname).isEqualTo("completed");
        }
    }

    @Test
    void encodeThenDecodeGivesTheSameLease() throws Exception {
        RandomGenerator random = RandomGeneratorFactory.of("L64X128MixRandom").create(4);
        for (int run = 0; run < 2000; run++) {
            Lease4 lease = randomLease(random);
            byte[] row = Lease4Csv.encode(lease, false);
            assertThat(row[row.length - 1]).isEqualTo((byte) '\n');
            assertThat(Lease4Csv.decode(row, 0, row.length - 1, 11, new int[64])).as("run %d", run).isEqualTo(lease);
        }
    }

    static byte[] randomBytes(RandomGenerator random, int min, int max) {
        byte[] bytes = new byte[min + random.nextInt(max - min + 1)];
        random.nextBytes(bytes);
        return bytes;
    }

    static String randomText(RandomGenerator random, String alphabet, int max) {
        StringBuilder text = new StringBuilder();
        int length = random.nextInt(max + 1);
        for (int i = 0; i < length; i++) {
            text.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return text.toString();
    }

    static Lease4 randomLease(RandomGenerator random) {
        Identifier hw = Identifier.of(randomBytes(random, 1, 20));
        Identifier cid = random.nextBoolean() ? Identifier.EMPTY : Identifier.of(randomBytes(random, 2, 128));
        long valid = random.nextLong(1, 0x1_0000_0000L);
        long cltt = random.nextLong(0, 1L << 40);
        long subnet = random.nextLong(0, 0x1_0000_0000L);
        String context = random.nextBoolean() ? ""
                : "{ \"k\": \"" + randomText(random, "ab,&# ", 12) + "\" }";
        return new Lease4(random.nextInt(), hw, 1, cid, valid, cltt, subnet, random.nextBoolean(),
                random.nextBoolean(), randomText(random, "abc,&#x.-9", 30), LeaseState.ofCode(random.nextInt(5)),
                context);
    }
}
