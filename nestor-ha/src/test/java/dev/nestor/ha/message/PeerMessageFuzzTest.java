package dev.nestor.ha.message;

import org.junit.jupiter.api.Test;

import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Seeded property tests: random leases survive encode -> parse, and mutated peer messages never escape the parsers
 * as unchecked exceptions (each failing case prints its seed).
 */
class PeerMessageFuzzTest {

    private static final int CASES = 2_000;

    private static byte[] bytes(SplittableRandom random, int min, int max) {
        byte[] bytes = new byte[min + random.nextInt(max - min + 1)];
        random.nextBytes(bytes);
        return bytes;
    }

    static HaLease4 randomLease(SplittableRandom random) {
        return new HaLease4(random.nextInt(), 1 + random.nextLong(0xfffffffeL), bytes(random, 0, 20),
                random.nextBoolean() ? new byte[0] : bytes(random, 2, 32), 1 + random.nextLong(4_000_000_000L),
                random.nextLong(0x100000000L), random.nextBoolean(), random.nextBoolean(),
                random.nextBoolean() ? "" : "host-" + random.nextInt(1000) + ".example.org", random.nextInt(3),
                Optional.empty());
    }

    @Test
    void leasesRoundTripThroughBothForms() {
        for (int seed = 0; seed < CASES; seed++) {
            SplittableRandom random = new SplittableRandom(seed);
            HaLease4 lease = randomLease(random);
            PeerCommand.Parsed parsed = PeerCommand.parse(new PeerCommand.Lease4Update(lease).toJson(Service.DHCP4)
                    .toJson(), 0);
            assertThat(parsed).as("seed %d", seed)
                    .isEqualTo(new PeerCommand.Parsed.Accepted(new PeerCommand.Lease4Update(lease)));
            PeerAnswer page = LeasePage.answer(List.of(lease));
            try {
                assertThat(LeasePage.fromAnswer(PeerAnswer.parseResponseBody(page.toResponseBody())).leases())
                        .as("seed %d", seed).containsExactly(lease);
            } catch (PeerMessageException e) {
                throw new AssertionError("seed " + seed + ": " + e.getMessage(), e);
            }
        }
    }

    @Test
    void mutatedMessagesAreRejectedCleanly() {
        List<String> seeds = List.of(
                new PeerCommand.Lease4Update(PeerCommandTest.SPEC_LEASE).toJson(Service.DHCP4).toJson(),
                new PeerCommand.DhcpDisable("ha-partner", java.util.OptionalLong.of(60)).toJson(Service.DHCP4).toJson(),
                new PeerCommand.LeaseGetPage(Service.DHCP4, "start", 100).toJson(Service.DHCP4).toJson(),
                new PeerCommand.MaintenanceNotify(true).toJson(Service.DHCP4).toJson(),
                "{\"command\":\"lease6-bulk-apply\",\"arguments\":{\"leases\":[{\"ip-address\":\"2001:db8::1\","
                        + "\"duid\":\"00:01\",\"iaid\":1,\"valid-lft\":10,\"type\":\"IA_PD\",\"prefix-len\":64}]}}");
        String alphabet = "{}[]\":,0123456789-.abcdefxyz \\truefalsenull";
        for (int seed = 0; seed < CASES; seed++) {
            SplittableRandom random = new SplittableRandom(seed);
            StringBuilder text = new StringBuilder(seeds.get(random.nextInt(seeds.size())));
            int edits = 1 + random.nextInt(4);
            for (int edit = 0; edit < edits && !text.isEmpty(); edit++) {
                int at = random.nextInt(text.length());
                switch (random.nextInt(3)) {
                    case 0 -> text.deleteCharAt(at);
                    case 1 -> text.insert(at, alphabet.charAt(random.nextInt(alphabet.length())));
                    default -> text.setCharAt(at, alphabet.charAt(random.nextInt(alphabet.length())));
                }
            }
            String mutated = text.toString();
            try {
                PeerCommand.Parsed parsed = PeerCommand.parse(mutated, 0);
                if (parsed instanceof PeerCommand.Parsed.Accepted accepted) {
                    // whatever was accepted must encode again without error
                    assertThat(accepted.command().toJson(Service.DHCP4).toJson()).isNotEmpty();
                }
                try {
                    HeartbeatStatus.fromAnswer(PeerAnswer.parseResponseBody("[" + mutated + "]"));
                } catch (PeerMessageException expected) {
                    assertThat(expected.getMessage()).isNotNull();
                }
            } catch (RuntimeException e) {
                throw new AssertionError("seed " + seed + " text " + mutated, e);
            }
        }
    }

    @Test
    void identifierFormsKeaAccepts() throws Exception {
        assertThat(JsonFields.parseHex("0:c:1:2:3:4", "hw-address")).containsExactly(0, 12, 1, 2, 3, 4);
        assertThat(JsonFields.parseHex("01 02 03", "client-id")).containsExactly(1, 2, 3);
        assertThat(JsonFields.parseHex("0x10203", "client-id")).containsExactly(1, 2, 3);
        assertThat(JsonFields.parseHex("", "hw-address")).isEmpty();
        assertThat(HexFormat.of().formatHex(JsonFields.parseHex("aBcD", "duid"))).isEqualTo("abcd");
    }
}
