package dev.nestor.lease;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Lease6CsvTest {

    static final String HEADER = "address,duid,valid_lifetime,expire,subnet_id,pref_lifetime,lease_type,iaid,"
            + "prefix_len,fqdn_fwd,fqdn_rev,hostname,hwaddr,state,user_context,hwtype,hwaddr_source\n";

    @TempDir
    Path directory;

    static Lease6 decode(String row) throws CsvRowException {
        byte[] bytes = row.getBytes(StandardCharsets.UTF_8);
        return Lease6Csv.decode(bytes, 0, bytes.length, 17, new int[80]);
    }

    @Test
    void decodesTheSpecExampleRowsAndEncodesThemBack() throws Exception {
        List<String> rows = List.of(
                "2001:db8:1::5,00:01:00:01:aa:bb:cc:dd:ee:ff,4000,1700004000,1,3000,0,1,128,0,0,,aa:bb:cc:dd:ee:ff,0,,1,1",
                "2001:db8:2::,00:01:00:01:aa:bb:cc:dd:ee:ff,4000,1700004000,2,3000,2,2,56,0,0,,,0,,,",
                "2001:db8:1::6,00,4000,1900004000,1,7200,0,1,128,0,0,,,1,,,",
                "2001:db8:1::5,00:01,4000,1900004000,1,3000,0,1,128,0,0,a&#x2cb&#x26c,aa:bb:cc:dd:ee:ff,0,"
                        + "{ \"x\": \"y&#x2cz\" },1,0");
        for (String row : rows) {
            Lease6 lease = decode(row);
            assertThat(new String(Lease6Csv.encode(lease, false), StandardCharsets.UTF_8)).isEqualTo(row + "\n");
        }
        Lease6 prefix = decode(rows.get(1));
        assertThat(prefix.type()).isEqualTo(LeaseType.PD);
        assertThat(prefix.prefixLength()).isEqualTo(56);
        assertThat(prefix.addressHigh()).isEqualTo(0x20010db800020000L);
        assertThat(new String(Lease6Csv.encode(prefix, true), StandardCharsets.UTF_8))
                .isEqualTo("2001:db8:2::,00:01:00:01:aa:bb:cc:dd:ee:ff,0,1700000000,2,0,2,2,56,0,0,,,0,,,\n");
    }

    @Test
    void rejectsMalformedRowsAndToleratesABadHardwareAddress() throws Exception {
        String[] bad = {
            "2001:db8::1::1,01,4000,5000,1,3000,0,1,128,0,0,,,0,,,",  // address
            "2001:db8::1,,4000,5000,1,3000,0,1,128,0,0,,,0,,,",       // no DUID
            "2001:db8::1,00,4000,5000,1,3000,0,1,128,0,0,,,0,,,",     // empty DUID, not declined
            "2001:db8::1,01,4000,5000,1,3000,3,1,128,0,0,,,0,,,",     // lease type
            "2001:db8::1,01,4000,5000,1,3000,0,1,129,0,0,,,0,,,",     // prefix length
            "2001:db8::1,01,4000,5000,1,3000,0,1,128,0,0,,,0,[],,",   // user context not a map
        };
        for (String row : bad) {
            assertThatThrownBy(() -> decode(row)).as(row).isInstanceOf(CsvRowException.class);
        }
        Lease6 lease = decode("2001:db8::1,01,4000,5000,1,3000,0,1,128,0,0,,zz:zz,0,,1,1");
        assertThat(lease.hardwareAddress().isEmpty()).isTrue();
    }

    @Test
    void ipv6TextMatchesTheJdkParserAndInetNtop() throws Exception {
        String[] texts = {"::", "::1", "2001:db8::", "2001:db8::1", "2001:db8:0:1::", "1:0:0:2:0:0:0:3",
            "fe80::1:2", "::ffff:192.0.2.1", "2001:db8:1:2:3:4:5:6", "1::2:3:4:5:6:7", "::ffff:0:1"};
        String[] expected = {"::", "::1", "2001:db8::", "2001:db8::1", "2001:db8:0:1::", "1:0:0:2::3",
            "fe80::1:2", "::ffff:192.0.2.1", "2001:db8:1:2:3:4:5:6", "1:0:2:3:4:5:6:7", "::ffff:0.0.0.1"};
        for (int i = 0; i < texts.length; i++) {
            byte[] bytes = texts[i].getBytes(StandardCharsets.US_ASCII);
            long[] parsed = new long[2];
            assertThat(CsvCodec.parseIpv6(bytes, 0, bytes.length, parsed)).as(texts[i]).isTrue();
            byte[] jdk = InetAddress.getByName(texts[i].startsWith("::ffff:") ? "::1" : texts[i]).getAddress();
            if (!texts[i].startsWith("::ffff:")) {
                assertThat(Lease6.toInetAddress(parsed[0], parsed[1]).getAddress()).isEqualTo(jdk);
            }
            assertThat(CsvCodec.ipv6Text(parsed[0], parsed[1])).isEqualTo(expected[i]);
        }
        for (String invalid : new String[] {":", "1:2", ":::", "1::2::3", "12345::", "1:2:3:4:5:6:7:8:9", "g::"}) {
            byte[] bytes = invalid.getBytes(StandardCharsets.US_ASCII);
            assertThat(CsvCodec.parseIpv6(bytes, 0, bytes.length, new long[2])).as(invalid).isFalse();
        }
    }

    @Test
    void storeReloadsItsOwnFileWithLastRowWinning() throws Exception {
        Path file = directory.resolve("leases6.csv");
        Files.writeString(file, HEADER
                + "2001:db8:1::5,01:02,4000,1900004000,1,3000,0,1,128,0,0,first,,0,,,\n"
                + "2001:db8:1::5,01:02,4000,1900005000,1,3000,0,1,128,0,0,second,,0,,,\n"
                + "2001:db8:1::6,01:02,4000,1900004000,1,3000,0,2,128,0,0,,,0,,,\n"
                + "2001:db8:1::6,01:02,0,1900000000,1,0,0,2,128,0,0,,,0,,,\n"
                + "2001:db8:1::7,01:02,40");
        MemfileSettings settings = MemfileSettings.persistent(file).withLfcInterval(0);
        try (MemfileLeaseStore6 store = MemfileLeaseStore6.open(settings, MemfileLeaseStore4Test.CLOCK)) {
            assertThat(store.getAll()).singleElement().extracting(Lease6::hostname).isEqualTo("second");
            assertThat(store.loadSummary().tornLastLines()).isEqualTo(1);
            Lease6 lease = store.getAll().getFirst();
            store.update(lease.toBuilder().hostname("third").build());
            assertThat(store.getByIa(LeaseType.NA, lease.duid(), 1)).hasSize(1);
            assertThat(store.runLeaseFileCleanup().leases()).isEqualTo(1);
        }
        try (MemfileLeaseStore6 store = MemfileLeaseStore6.open(settings, MemfileLeaseStore4Test.CLOCK)) {
            assertThat(store.getAll()).singleElement().extracting(Lease6::hostname).isEqualTo("third");
            assertThat(store.loadSummary().rowErrors()).isZero();
        }
    }

    @Test
    void encodeThenDecodeGivesTheSameLease() throws Exception {
        RandomGenerator random = RandomGeneratorFactory.of("L64X128MixRandom").create(6);
        for (int run = 0; run < 2000; run++) {
            Identifier duid = Identifier.of(Lease4CsvTest.randomBytes(random, 2, 128));
            Identifier hw = random.nextBoolean() ? Identifier.EMPTY
                    : Identifier.of(Lease4CsvTest.randomBytes(random, 1, 20));
            long number = random.nextLong(0, 0x1_0000_0000L);
            Lease6 lease = new Lease6(LeaseType.ofCode(number % 3), random.nextLong(), random.nextLong(),
                    (int) (number % 129), duid, number, number / 2, random.nextLong(1, 0x1_0000_0000L),
                    random.nextLong(0, 1L << 40), number, random.nextBoolean(), random.nextBoolean(),
                    Lease4CsvTest.randomText(random, "ab,&#x.", 20), hw, hw.isEmpty() ? 1 : random.nextInt(40),
                    hw.isEmpty() ? 0 : random.nextInt(256), LeaseState.ofCode(random.nextInt(5)),
                    random.nextBoolean() ? "" : "{ \"a\": [ 1, 2 ] }");
            byte[] row = Lease6Csv.encode(lease, false);
            assertThat(Lease6Csv.decode(row, 0, row.length - 1, 17, new int[80])).as("run %d", run)
                    .isEqualTo(lease);
        }
    }
}
