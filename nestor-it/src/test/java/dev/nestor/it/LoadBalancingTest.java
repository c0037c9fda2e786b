package dev.nestor.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nestor.ha.service.QueryScope;
import dev.nestor.it.HaPeer.Kind;
import dev.nestor.it.ModeConfigs.Member;
import dev.nestor.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * HA load-balancing pairs on loopback (server1 primary on 127.0.11.10, server2 secondary on 127.0.11.11, short
 * timers, each server its own pool of 172.28.0.0/20: server1 172.28.0.x-172.28.7.x, server2 172.28.8.x-172.28.15.x),
 * driven by stock perfdhcp as a relay with two helper addresses would be: the same clients sent to both servers at
 * once (from 127.0.11.1 and 127.0.11.5). Each server answers only the clients of its own scope, chosen by the RFC 3074
 * hash of the client identifier or the hardware address; the pool an address comes from says which server gave it, so
 * the split of stock Kea and of Nestor ({@link QueryScope}) are compared on the same MACs. Then server1 is killed,
 * server2 goes partner-down and serves everyone, server1 comes back, syncs, and both are in load-balancing again with
 * the same leases. Nestor pairs and Nestor with stock Kea 2.2 in either role ({@code -Dnestor.it.lbKeaPair=true} adds
 * the stock Kea pair, the reference the scenario was checked against; {@code -Dnestor.it.lbPairs=NESTOR/KEA,...} narrows
 * the runs).
 */
class LoadBalancingTest {
    private static final Duration PERFDHCP_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration HA_STATE = Duration.ofSeconds(40);
    private static final String SERVER1_POOL = "172.28.0.2-172.28.7.255";
    private static final String SERVER2_POOL = "172.28.8.0-172.28.15.249";

    @TempDir
    Path directory;

    private ModePeer server1;
    private ModePeer server2;
    private ModePeer backup;

    static Stream<Arguments> pairs() {
        List<Arguments> pairs = new ArrayList<>(List.of(Arguments.of(Kind.NESTOR, Kind.NESTOR),
                Arguments.of(Kind.NESTOR, Kind.KEA), Arguments.of(Kind.KEA, Kind.NESTOR)));
        if (Boolean.getBoolean("nestor.it.lbKeaPair")) {
            pairs.add(Arguments.of(Kind.KEA, Kind.KEA));
        }
        return pairs.stream();
    }

    @BeforeAll
    static void requireRoot() throws Exception {
        ModeNetwork.assumeRootAndPerfdhcp();
    }

    @AfterEach
    void stopEverything() {
        for (ModePeer peer : new ModePeer[] {backup, server2, server1}) {
            if (peer != null) {
                peer.close();
            }
        }
    }

    @ParameterizedTest(name = "{0} primary, {1} secondary")
    @MethodSource("pairs")
    void pairSplitsFailsOverAndResyncs(Kind primaryKind, Kind secondaryKind) throws Exception {
        String only = System.getProperty("nestor.it.lbPairs", "");
        org.junit.jupiter.api.Assumptions.assumeTrue(only.isBlank()
                || List.of(only.split(",")).contains(primaryKind + "/" + secondaryKind),
                "not among -Dnestor.it.lbPairs=" + only);
        if (primaryKind == Kind.KEA || secondaryKind == Kind.KEA) {
            Loopback.assumeKea();
        }
        long started = System.nanoTime();
        int port1 = Loopback.freeTcpPort(ModeNetwork.SERVER_ONE);
        int port2 = Loopback.freeTcpPort(ModeNetwork.SERVER_TWO);
        Member member1 = new Member("server1", "primary", ModeNetwork.SERVER_ONE, port1);
        Member member2 = new Member("server2", "secondary", ModeNetwork.SERVER_TWO, port2);
        List<Member> members = List.of(member1, member2);
        server1 = new ModePeer(primaryKind, "server1", ModeNetwork.SERVER_ONE, directory.resolve("server1"),
                ModeConfigs.server("load-balancing", member1, members, directory.resolve("server1"), SERVER1_POOL,
                        JsonObject.EMPTY, ModeNetwork.RELAY, ModeNetwork.RELAY_TWO));
        server2 = new ModePeer(secondaryKind, "server2", ModeNetwork.SERVER_TWO, directory.resolve("server2"),
                ModeConfigs.server("load-balancing", member2, members, directory.resolve("server2"), SERVER2_POOL,
                        JsonObject.EMPTY, ModeNetwork.RELAY, ModeNetwork.RELAY_TWO));
        try {
            scenario();
        } catch (AssertionError failure) {
            throw new AssertionError(failure.getMessage() + "\n" + server1.tail() + "\n" + server2.tail(), failure);
        }
        System.out.println("[it] load-balancing " + primaryKind + "/" + secondaryKind + ": scenario took "
                + (System.nanoTime() - started) / 1_000_000 + " ms");
    }

    /**
     * A Nestor load-balancing pair with a stock Kea backup (127.0.11.12): both servers send their leases to the
     * backup without waiting for it, the backup stays in state backup and answers nobody, and its lease file ends
     * up with every lease of the pair.
     */
    @org.junit.jupiter.api.Test
    void nestorPairUpdatesAKeaBackup() throws Exception {
        Loopback.assumeKea();
        long started = System.nanoTime();
        Member member1 = new Member("server1", "primary", ModeNetwork.SERVER_ONE,
                Loopback.freeTcpPort(ModeNetwork.SERVER_ONE));
        Member member2 = new Member("server2", "secondary", ModeNetwork.SERVER_TWO,
                Loopback.freeTcpPort(ModeNetwork.SERVER_TWO));
        Member member3 = new Member("server3", "backup", ModeNetwork.SERVER_THREE,
                Loopback.freeTcpPort(ModeNetwork.SERVER_THREE));
        List<Member> members = List.of(member1, member2, member3);
        String[] relays = {ModeNetwork.RELAY, ModeNetwork.RELAY_TWO, ModeNetwork.RELAY_THREE};
        server1 = new ModePeer(Kind.NESTOR, "server1", ModeNetwork.SERVER_ONE, directory.resolve("server1"),
                ModeConfigs.server("load-balancing", member1, members, directory.resolve("server1"), SERVER1_POOL,
                        JsonObject.EMPTY, relays));
        server2 = new ModePeer(Kind.NESTOR, "server2", ModeNetwork.SERVER_TWO, directory.resolve("server2"),
                ModeConfigs.server("load-balancing", member2, members, directory.resolve("server2"), SERVER2_POOL,
                        JsonObject.EMPTY, relays));
        backup = new ModePeer(Kind.KEA, "server3", ModeNetwork.SERVER_THREE, directory.resolve("server3"),
                ModeConfigs.server("load-balancing", member3, members, directory.resolve("server3"),
                        SeedConfigs.WIDE_POOL, JsonObject.EMPTY, relays));
        try {
            backup.start();
            server1.start();
            server2.start();
            server1.awaitState("load-balancing", HA_STATE);
            server2.awaitState("load-balancing", HA_STATE);
            backup.awaitState("backup", HA_STATE);
            Perfdhcp.Run toBackup = perfdhcp("perfdhcp-backup", ModeNetwork.RELAY_THREE, backup, 60,
                    "00:0c:11:05:00:00", 2);
            splitAndReplicate("backup", 60, "00:0c:11:05:00:00");
            Perfdhcp.Report backupReport = toBackup.await();
            assertThat(backupReport.offersReceived()).as("the backup answers nobody").isZero();
            Map<String, LeaseFiles.Lease4> pair = withPrefix(LeaseFiles.active(server1.leaseFile()), "00:0c:11:05:");
            Await.until("the backup holding every lease of the pair", Duration.ofSeconds(20),
                    () -> withPrefix(LeaseFiles.active(backup.leaseFile()), "00:0c:11:05:").keySet()
                            .equals(pair.keySet()));
            assertThat(missing(pair, LeaseFiles.active(backup.leaseFile()))).isEmpty();
            assertThat(backup.state()).isEqualTo("backup");
        } catch (AssertionError failure) {
            throw new AssertionError(failure.getMessage() + "\n" + server1.tail() + "\n" + server2.tail() + "\n"
                    + backup.tail(), failure);
        }
        System.out.println("[it] load-balancing NESTOR/NESTOR with a KEA backup: scenario took "
                + (System.nanoTime() - started) / 1_000_000 + " ms");
    }

    private void scenario() throws Exception {
        server1.start();
        server2.start();
        server1.awaitState("load-balancing", HA_STATE);
        server2.awaitState("load-balancing", HA_STATE);
        Await.until("both servers seeing the partner in load-balancing", Duration.ofSeconds(10),
                () -> "load-balancing".equals(server1.partnerState())
                        && "load-balancing".equals(server2.partnerState()));
        assertThat(server1.scopes()).containsExactly("server1");
        assertThat(server2.scopes()).containsExactly("server2");

        // (a) the same 60 clients to both servers: each answers its own half, both files get all of them
        splitAndReplicate("a", 60, "00:0c:11:01:00:00");

        // (b) server1 killed; clients keep retrying at server2, whose unacked count for server1's scope grows
        server1.process().kill();
        long killed = System.nanoTime();
        Perfdhcp.Run waiting = Perfdhcp.start(directory, "perfdhcp-failover", ModeNetwork.RELAY_TWO,
                server2.address(), PERFDHCP_TIMEOUT, "-r", "20", "-R", "50", "-p", "12", "-d", "2", "-u", "-b",
                "mac=00:0c:11:02:00:00", "-Y", "0", "-y", "60");
        server2.awaitState("partner-down", Duration.ofSeconds(30));
        long failoverMillis = (System.nanoTime() - killed) / 1_000_000;
        Perfdhcp.Report failover = waiting.await();
        assertThat(server2.scopes()).as("partner-down serves both scopes").contains("server1", "server2");
        Perfdhcp.Report alone = perfdhcp("perfdhcp-partner-down", ModeNetwork.RELAY_TWO, server2, 30,
                "00:0c:11:03:00:00", 5).await();
        System.out.println("[it] load-balancing " + server1.kind() + "/" + server2.kind() + ": partner-down "
                + failoverMillis + " ms after the kill; while failing over " + failover + "; after " + alone);
        assertServedEveryClient(alone, 30);

        // (c) server1 back on its old lease file: syncing, then load-balancing on both with the same leases
        long restarted = System.nanoTime();
        server1.start();
        server1.awaitState("load-balancing", HA_STATE);
        server2.awaitState("load-balancing", HA_STATE);
        long resyncMillis = (System.nanoTime() - restarted) / 1_000_000;
        Map<String, LeaseFiles.Lease4> leases1 = LeaseFiles.active(server1.leaseFile());
        Map<String, LeaseFiles.Lease4> leases2 = LeaseFiles.active(server2.leaseFile());
        System.out.println("[it] load-balancing " + server1.kind() + "/" + server2.kind() + ": both load-balancing "
                + resyncMillis + " ms after the restart; server1 " + leases1.size() + " leases, server2 "
                + leases2.size());
        assertThat(LeaseFiles.conflicts(leases1, leases2)).isEmpty();
        assertThat(LeaseFiles.clientsWithTwoAddresses(leases1)).isEmpty();
        assertThat(LeaseFiles.clientsWithTwoAddresses(leases2)).isEmpty();
        assertThat(missing(leases2, leases1)).as("server2's leases synced to server1").isEmpty();
        assertThat(missing(leases1, leases2)).as("server1's leases on server2").isEmpty();
        assertThat(withPrefix(leases1, "00:0c:11:03:").size()).as("partner-down clients on server1")
                .isGreaterThanOrEqualTo(28);
        assertThat(server1.scopes()).containsExactly("server1");
        assertThat(server2.scopes()).containsExactly("server2");

        // (d) split again after the resync, updates flowing both ways
        splitAndReplicate("d", 40, "00:0c:11:04:00:00");
        Map<String, LeaseFiles.Lease4> final1 = LeaseFiles.active(server1.leaseFile());
        Map<String, LeaseFiles.Lease4> final2 = LeaseFiles.active(server2.leaseFile());
        assertThat(LeaseFiles.conflicts(final1, final2)).isEmpty();
        assertThat(LeaseFiles.clientsWithTwoAddresses(final1)).isEmpty();
        assertThat(LeaseFiles.clientsWithTwoAddresses(final2)).isEmpty();
    }

    /**
     * Sends {@code clients} clients from {@code mac} to both servers at once; checks each answered some, together
     * every client, each only its scope's (by the pool of the address), and both files hold every lease.
     */
    private void splitAndReplicate(String phase, int clients, String mac) throws Exception {
        Perfdhcp.Run to1 = perfdhcp("perfdhcp-" + phase + "-server1", ModeNetwork.RELAY, server1, clients, mac, 2);
        Perfdhcp.Run to2 = perfdhcp("perfdhcp-" + phase + "-server2", ModeNetwork.RELAY_TWO, server2, clients, mac, 2);
        Perfdhcp.Report report1 = to1.await();
        Perfdhcp.Report report2 = to2.await();
        System.out.println("[it] load-balancing " + server1.kind() + "/" + server2.kind() + " (" + phase
                + "): to server1 " + report1 + "; to server2 " + report2);
        String prefix = mac.substring(0, 12);
        // perfdhcp's client generator may repeat a client instead of using the last one: the files say who asked
        Await.until("both lease files holding the same clients of phase " + phase, Duration.ofSeconds(20), () -> {
            Map<String, LeaseFiles.Lease4> on1 = withPrefix(LeaseFiles.active(server1.leaseFile()), prefix);
            Map<String, LeaseFiles.Lease4> on2 = withPrefix(LeaseFiles.active(server2.leaseFile()), prefix);
            return on1.size() >= clients - 2 && on1.keySet().equals(on2.keySet());
        });
        Map<String, LeaseFiles.Lease4> leases1 = withPrefix(LeaseFiles.active(server1.leaseFile()), prefix);
        Map<String, LeaseFiles.Lease4> leases2 = withPrefix(LeaseFiles.active(server2.leaseFile()), prefix);
        assertThat(leases2.keySet()).as("phase " + phase + " leases on server2").isEqualTo(leases1.keySet());
        assertThat(LeaseFiles.conflicts(leases1, leases2)).isEmpty();
        assertThat(LeaseFiles.clientsWithTwoAddresses(leases1)).isEmpty();
        int distinct = leases1.size();
        assertThat(report1.acksReceived() + report2.acksReceived()).as("every client ACKed by one server")
                .isGreaterThanOrEqualTo(distinct);
        List<String> wrongServer = new ArrayList<>();
        int scope1 = 0;
        for (LeaseFiles.Lease4 lease : leases1.values()) {
            String expected = expectedScope(lease);
            String actual = Integer.parseInt(lease.address().split("\\.")[2]) < 8 ? "server1" : "server2";
            if (!expected.equals(actual)) {
                wrongServer.add(lease.address() + " " + lease.hwaddr() + " " + lease.clientId() + ": given by "
                        + actual + ", RFC 3074 hash says " + expected);
            }
            if (expected.equals("server1")) {
                scope1++;
            }
        }
        assertThat(wrongServer).as("leases given by the server of the other scope").isEmpty();
        assertThat(scope1).as("both scopes have clients").isBetween(1, distinct - 1);
        assertThat(report1.acksReceived()).as(report1.output()).isGreaterThanOrEqualTo(scope1);
        assertThat(report2.acksReceived()).as(report2.output()).isGreaterThanOrEqualTo(distinct - scope1);
        // a server answers only its scope: no more offers than its clients (and perfdhcp's repeats)
        assertThat(report1.offersReceived()).as(report1.output())
                .isLessThanOrEqualTo(scope1 + Math.max(0, report1.discoversSent() - distinct));
        assertThat(report2.offersReceived()).as(report2.output())
                .isLessThanOrEqualTo(distinct - scope1 + Math.max(0, report2.discoversSent() - distinct));
    }

    /** The scope the RFC 3074 hash gives a lease's client: its client identifier if it has one, else its MAC. */
    private static String expectedScope(LeaseFiles.Lease4 lease) {
        String key = lease.clientId().isEmpty() ? lease.hwaddr() : lease.clientId();
        byte[] bytes = HexFormat.ofDelimiter(":").parseHex(key.toLowerCase(java.util.Locale.ROOT));
        return QueryScope.loadBalancingHash(bytes) % 2 == 0 ? "server1" : "server2";
    }

    private static Map<String, LeaseFiles.Lease4> withPrefix(Map<String, LeaseFiles.Lease4> leases, String prefix) {
        Map<String, LeaseFiles.Lease4> selected = new LinkedHashMap<>();
        leases.forEach((address, lease) -> {
            if (lease.hwaddr().toLowerCase(java.util.Locale.ROOT).startsWith(prefix)) {
                selected.put(address, lease);
            }
        });
        return selected;
    }

    /** Leases of {@code expected} that {@code leases} does not hold for the same client. */
    private static List<String> missing(Map<String, LeaseFiles.Lease4> expected, Map<String, LeaseFiles.Lease4> leases) {
        List<String> missing = new ArrayList<>();
        expected.forEach((address, lease) -> {
            LeaseFiles.Lease4 other = leases.get(address);
            if (other == null || !other.hwaddr().equalsIgnoreCase(lease.hwaddr())) {
                missing.add(address + " " + lease.hwaddr());
            }
        });
        return missing;
    }

    private Perfdhcp.Run perfdhcp(String name, String relay, ModePeer peer, int clients, String mac, int dropSeconds)
            throws Exception {
        List<String> arguments = List.of("-r", "100", "-R", String.valueOf(clients), "-n", String.valueOf(clients),
                "-p", String.valueOf(clients / 100 + 2 + 2 * dropSeconds),
                "-W", String.valueOf(dropSeconds * 1_000_000), "-d", String.valueOf(dropSeconds), "-u",
                "-b", "mac=" + mac);
        return Perfdhcp.start(directory, name, relay, peer.address(), PERFDHCP_TIMEOUT,
                arguments.toArray(String[]::new));
    }

    /** Every client got its ACK (perfdhcp may repeat a client or two on a loaded machine; see the HA test). */
    private static void assertServedEveryClient(Perfdhcp.Report report, int clients) {
        assertThat(report.acksReceived()).as(report.output()).isGreaterThanOrEqualTo(clients);
        assertThat(report.nonUnique()).as(report.output())
                .isLessThanOrEqualTo(2 * (report.acksReceived() - clients));
    }
}
