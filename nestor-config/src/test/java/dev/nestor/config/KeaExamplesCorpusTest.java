package dev.nestor.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every file of {@code shared/kea-examples} is either accepted or refused with a message naming the unsupported key
 * or hook. The verdict of each file is listed here; a file missing from the table fails the test, so nothing in the
 * corpus is skipped silently.
 */
class KeaExamplesCorpusTest {
    private static final String ACCEPT = "";

    /** Relative path -> "" (accepted) or a fragment of the refusal, which must also name the key. */
    static final Map<String, String> VERDICTS = new TreeMap<>(Map.ofEntries(
            Map.entry("2.2.0/kea4/advanced.json", ACCEPT),
            Map.entry("2.2.0/kea4/all-keys-netconf.json", "'hosts-databases' (host reservations in an SQL database) is not supported"),
            Map.entry("2.2.0/kea4/all-keys.json", "'hosts-databases' (host reservations in an SQL database) is not supported"),
            Map.entry("2.2.0/kea4/all-options.json", ACCEPT),
            Map.entry("2.2.0/kea4/backends.json", ACCEPT),
            Map.entry("2.2.0/kea4/classify.json", ACCEPT),
            Map.entry("2.2.0/kea4/classify2.json", ACCEPT),
            Map.entry("2.2.0/kea4/comments.json", ACCEPT),
            Map.entry("2.2.0/kea4/config-backend.json", "'config-control' (configuration backend) is not supported"),
            Map.entry("2.2.0/kea4/dhcpv4-over-dhcpv6.json", "'dhcp4o6-port' (DHCPv4-over-DHCPv6) is not supported"),
            Map.entry("2.2.0/kea4/global-reservations.json", ACCEPT),
            Map.entry("2.2.0/kea4/ha-load-balancing-primary.json", ACCEPT),
            Map.entry("2.2.0/kea4/hooks-radius.json", "hook library '/usr/local/lib/kea/hooks/libdhcp_flex_id.so' is not supported"),
            Map.entry("2.2.0/kea4/hooks.json", "hook library '/opt/lib/security.so' is not supported"),
            Map.entry("2.2.0/kea4/leases-expiration.json", ACCEPT),
            Map.entry("2.2.0/kea4/multiple-options.json", ACCEPT),
            Map.entry("2.2.0/kea4/mysql-reservations.json", "'hosts-database' (host reservations in an SQL database) is not supported"),
            Map.entry("2.2.0/kea4/pgsql-reservations.json", "'hosts-databases' (host reservations in an SQL database) is not supported"),
            Map.entry("2.2.0/kea4/reservations.json", ACCEPT),
            Map.entry("2.2.0/kea4/several-subnets.json", ACCEPT),
            Map.entry("2.2.0/kea4/shared-network.json", ACCEPT),
            Map.entry("2.2.0/kea4/single-subnet.json", ACCEPT),
            Map.entry("2.2.0/kea4/vendor-specific.json", ACCEPT),
            Map.entry("2.2.0/kea4/vivso.json", ACCEPT),
            Map.entry("2.2.0/kea4/with-ddns.json", "DNS updates ('dhcp-ddns' with 'enable-updates': true) are not supported"),
            Map.entry("2.2.0/kea6/advanced.json", ACCEPT),
            Map.entry("2.2.0/kea6/all-keys-netconf.json", "'hosts-databases' (host reservations in an SQL database) is not supported"),
            Map.entry("2.2.0/kea6/all-keys.json", "'hosts-databases' (host reservations in an SQL database) is not supported"),
            // Known gap, not a refused feature: nestor-wire's vendor-4491 (docsis3-v6) table lacks device-type (2).
            Map.entry("2.2.0/kea6/all-options.json", "option data is not a valid string of hexadecimal digits: ECM"),
            Map.entry("2.2.0/kea6/backends.json", ACCEPT),
            Map.entry("2.2.0/kea6/classify.json", ACCEPT),
            Map.entry("2.2.0/kea6/classify2.json", ACCEPT),
            Map.entry("2.2.0/kea6/comments.json", ACCEPT),
            Map.entry("2.2.0/kea6/config-backend.json", "'config-control' (configuration backend) is not supported"),
            Map.entry("2.2.0/kea6/dhcpv4-over-dhcpv6.json", "'dhcp4o6-port' (DHCPv4-over-DHCPv6) is not supported"),
            Map.entry("2.2.0/kea6/duid.json", ACCEPT),
            Map.entry("2.2.0/kea6/global-reservations.json", ACCEPT),
            Map.entry("2.2.0/kea6/ha-hot-standby.json", ACCEPT),
            Map.entry("2.2.0/kea6/hooks.json", "hook library '/opt/lib/security.so' is not supported"),
            Map.entry("2.2.0/kea6/iPXE.json", ACCEPT),
            Map.entry("2.2.0/kea6/leases-expiration.json", ACCEPT),
            Map.entry("2.2.0/kea6/multiple-options.json", ACCEPT),
            Map.entry("2.2.0/kea6/mysql-reservations.json", "'hosts-database' (host reservations in an SQL database) is not supported"),
            Map.entry("2.2.0/kea6/pgsql-reservations.json", "'hosts-databases' (host reservations in an SQL database) is not supported"),
            Map.entry("2.2.0/kea6/reservations.json", ACCEPT),
            Map.entry("2.2.0/kea6/several-subnets.json", ACCEPT),
            Map.entry("2.2.0/kea6/shared-network.json", ACCEPT),
            Map.entry("2.2.0/kea6/simple.json", ACCEPT),
            Map.entry("2.2.0/kea6/softwire46.json", ACCEPT),
            Map.entry("2.2.0/kea6/stateless.json", ACCEPT),
            Map.entry("2.2.0/kea6/tee-times.json", ACCEPT),
            Map.entry("2.2.0/kea6/with-ddns.json", "DNS updates ('dhcp-ddns' with 'enable-updates': true) are not supported"),
            Map.entry("2.2.0/templates/power-user-home-kea-dhcp4-1.conf", ACCEPT),
            Map.entry("2.2.0/templates/power-user-home-kea-dhcp4-2.conf", ACCEPT),
            Map.entry("3.3.0/kea4/ha-load-balancing-server1-mt-with-tls.json", ACCEPT),
            Map.entry("3.3.0/kea4/ha-load-balancing-server2-mt.json", ACCEPT),
            Map.entry("3.3.0/kea6/ha-hot-standby-server1-with-tls.json", ACCEPT),
            Map.entry("3.3.0/kea6/ha-hot-standby-server2.json", ACCEPT)));

    private static Path corpus() {
        return SharedDir.get().resolve("kea-examples");
    }

    static Stream<String> files() throws IOException {
        try (Stream<Path> walk = Files.walk(corpus())) {
            List<String> files = walk.filter(Files::isRegularFile)
                    .map(p -> corpus().relativize(p).toString().replace('\\', '/'))
                    .filter(name -> name.endsWith(".json") || name.endsWith(".conf"))
                    .sorted().toList();
            return files.stream();
        }
    }

    @Test
    void everyFileHasAVerdict() throws IOException {
        List<String> present = files().toList();
        assertThat(present).isNotEmpty();
        assertThat(VERDICTS.keySet()).containsExactlyInAnyOrderElementsOf(present);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void fileGetsItsVerdict(String name) throws Exception {
        String expected = VERDICTS.get(name);
        if (expected == null) fail("no verdict listed for " + name);
        Path file = corpus().resolve(name);
        boolean v6 = name.contains("kea6/");
        try {
            LoadedConfig<?> loaded = v6 ? ConfigLoader.loadDhcp6(file) : ConfigLoader.loadDhcp4(file);
            assertThat(expected).as("%s was accepted but is listed as refused", name).isEmpty();
            if (v6) {
                assertThat(((Dhcp6Config) loaded.config()).subnets().size() + ((Dhcp6Config) loaded.config()).options().size()
                        + ((Dhcp6Config) loaded.config()).hooks().libraries().size()).isPositive();
            } else {
                assertThat(((Dhcp4Config) loaded.config()).subnets().size() + ((Dhcp4Config) loaded.config()).options().size()
                        + ((Dhcp4Config) loaded.config()).hooks().libraries().size()).isPositive();
            }
        } catch (ConfigException e) {
            assertThat(expected).as("%s was refused: %s", name, e.getMessage()).isNotEmpty();
            assertThat(e.getMessage()).contains(expected);
            assertThat(e.position()).isNotNull();
            assertThat(e.position().file()).isEqualTo(file.toString());
            assertThat(e.keyPath()).startsWith(v6 ? "Dhcp6." : "Dhcp4.");
        }
    }

    @Test
    void haExamplesAreModelledCompletely() throws Exception {
        Dhcp4Config lb = ConfigLoader.loadDhcp4(corpus().resolve("3.3.0/kea4/ha-load-balancing-server1-mt-with-tls.json")).config();
        var relationship = lb.hooks().ha().orElseThrow().relationships().get(0);
        assertThat(relationship.mode()).isEqualTo(dev.nestor.config.ha.HaMode.LOAD_BALANCING);
        assertThat(relationship.delayedUpdatesLimit()).isEqualTo(100);
        assertThat(relationship.peers()).allSatisfy(p -> assertThat(p.tls()).isPresent());
        assertThat(relationship.multiThreading().enabled()).isTrue();
        Dhcp6Config hs = ConfigLoader.loadDhcp6(corpus().resolve("2.2.0/kea6/ha-hot-standby.json")).config();
        assertThat(hs.hooks().ha().orElseThrow().relationships().get(0).mode())
                .isEqualTo(dev.nestor.config.ha.HaMode.HOT_STANDBY);
    }
}
