package dev.nestor.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nestor.config.ha.HaMode;
import dev.nestor.config.ha.HaRelationship;
import dev.nestor.config.ha.HaRole;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The seed configs must pass {@code nestor dhcp4 -t} although interface enp0s8 does not exist here. */
class SeedConfigTest {

    private static Path seed(String name) {
        return SharedDir.get().resolve("examples").resolve(name);
    }

    @Test
    void primaryLoadsWithDefaultsAndInheritanceResolved() throws Exception {
        LoadedConfig<Dhcp4Config> loaded = ConfigLoader.loadDhcp4(seed("seed-primary.json"));
        Dhcp4Config c = loaded.config();
        assertThat(loaded.warnings()).isEmpty();
        assertThat(c.interfacesConfig().interfaces()).containsExactly("enp0s8");
        assertThat(c.interfacesConfig().dhcpSocketType()).isEqualTo("raw");
        assertThat(c.leaseDatabase()).isEqualTo(new LeaseDatabase(true, "/tmp/kea-dhcp4-leases.csv", 3600, 0));
        assertThat(c.multiThreading()).isEqualTo(new MultiThreading(true, 4, 28));
        assertThat(c.expiredLeasesProcessing()).isEqualTo(ExpiredLeasesProcessing.defaults());
        assertThat(c.controlSockets()).containsExactly(new ControlSocket("unix", "/tmp/kea-dhcp4-socket", "", 0, null));
        assertThat(c.validLifetime()).isEqualTo(Triplet.of(28800));
        assertThat(c.options()).hasSize(1);
        assertThat(c.options().get(0).name()).isEqualTo("domain-name-servers");
        assertThat(c.options().get(0).payload()).containsExactly(192, 168, 40, 42, 192, 168, 40, 82);

        Subnet4 s = c.subnets().get(0);
        assertThat(s.id()).isEqualTo(1);
        assertThat(s.prefixText()).isEqualTo("172.28.0.0/24");
        assertThat(s.pools()).hasSize(1);
        assertThat(Addresses.v4ToString(s.pools().get(0).first())).isEqualTo("172.28.0.2");
        assertThat(s.pools().get(0).size()).isEqualTo(248);
        assertThat(s.validLifetime()).isEqualTo(Triplet.of(28800));
        assertThat(s.calculateTeeTimes()).isTrue();
        assertThat(s.t1Percent()).isEqualTo(0.5);
        assertThat(s.t2Percent()).isEqualTo(0.875);
        assertThat(s.cacheThreshold().getAsDouble()).isEqualTo(0.25);
        assertThat(s.matchClientId()).isTrue();
        assertThat(s.authoritative()).isFalse();
        assertThat(s.options()).extracting(OptionData::name).containsExactly("routers");
        assertThat(s.options().get(0).payload()).containsExactly(172, 28, 0, 1);

        assertThat(c.hooks().leaseCommands()).isTrue();
        HaRelationship ha = c.hooks().ha().orElseThrow().relationships().get(0);
        assertThat(ha.mode()).isEqualTo(HaMode.HOT_STANDBY);
        assertThat(ha.thisServerName()).isEqualTo("server1");
        assertThat(ha.thisPeer().role()).isEqualTo(HaRole.PRIMARY);
        assertThat(ha.thisPeer().port()).isEqualTo(8000);
        assertThat(ha.heartbeatDelayMs()).isEqualTo(10000);
        assertThat(ha.maxResponseDelayMs()).isEqualTo(60000);
        assertThat(ha.delayedUpdatesLimit()).isZero();
        assertThat(c.loggers()).hasSize(1);
        assertThat(c.loggers().get(0).outputs().get(0).output()).isEqualTo("stdout");
    }

    @Test
    void standbyNamesItselfServer2() throws Exception {
        Dhcp4Config c = ConfigLoader.loadDhcp4(seed("seed-standby.json")).config();
        HaRelationship ha = c.hooks().ha().orElseThrow().relationships().get(0);
        assertThat(ha.thisPeer().name()).isEqualTo("server2");
        assertThat(ha.thisPeer().role()).isEqualTo(HaRole.STANDBY);
    }

    @Test
    void configCheckPassesBothSeedsSilently() {
        for (String name : new String[] {"seed-primary.json", "seed-standby.json"}) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int rc = ConfigCheck.run(Family.V4, seed(name), new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8));
            assertThat(rc).as(name + ": " + err).isZero();
            assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
        }
    }
}
