package dev.nestor.ha.service;

import dev.nestor.ha.HaSettings;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.HexFormat;
import java.util.Set;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** The load-balancing hash against the worked examples of ha-protocol.md §4, and scope selection per mode. */
class QueryScopeTest {

    private static final HaSettings LB = HaSettings.loadBalancing("server1", "server1", "server2");

    @Test
    void workedExamples() {
        assertThat(QueryScope.loadBalancingHash(HexFormat.of().parseHex("000c01020304"))).isEqualTo(131);
        assertThat(QueryScope.loadBalancingHash(HexFormat.of().parseHex("01000c01020304"))).isEqualTo(104);
        assertThat(QueryScope.loadBalancingHash(HexFormat.of().parseHex("00"))).isEqualTo(175);
    }

    @Test
    void loadBalancingPrefersTheClientIdentifier() {
        byte[] chaddr = HexFormat.of().parseHex("000c01020304");
        assertThat(QueryScope.of4(LB, new byte[0], chaddr, true)).contains("server2");
        assertThat(QueryScope.of4(LB, HexFormat.of().parseHex("01000c01020304"), chaddr, true)).contains("server1");
        assertThat(QueryScope.of4(LB, new byte[0], new byte[0], true)).isEmpty();
        assertThat(QueryScope.of4(LB, new byte[0], chaddr, false)).contains("server1");
    }

    @Test
    void hotStandbyAlwaysUsesThePrimary() {
        HaSettings hs = HaSettings.hotStandby("server2", "server1", "server2");
        assertThat(QueryScope.of4(hs, new byte[0], HexFormat.of().parseHex("000c01020304"), true)).contains("server1");
    }

    @Test
    void theTableIsAPermutationAndSplitsClientsRoughlyInHalf() {
        Set<Integer> values = new HashSet<>();
        for (int i = 0; i < 256; i++) {
            values.add(QueryScope.loadBalancingHash(new byte[] {(byte) i}));
        }
        assertThat(values).hasSize(256);
        SplittableRandom random = new SplittableRandom(7);
        int primary = 0;
        for (int i = 0; i < 10_000; i++) {
            byte[] mac = new byte[6];
            random.nextBytes(mac);
            if (QueryScope.of4(LB, new byte[0], mac, true).orElseThrow().equals("server1")) {
                primary++;
            }
        }
        assertThat(primary).isBetween(4_500, 5_500);
    }
}
