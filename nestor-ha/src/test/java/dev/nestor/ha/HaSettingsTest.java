package dev.nestor.ha;

import dev.nestor.config.ConfigLoader;
import dev.nestor.config.Dhcp4Config;
import dev.nestor.config.ha.HaRelationship;
import dev.nestor.ha.state.HaMode;
import dev.nestor.ha.state.HaRole;
import dev.nestor.ha.state.HaState;
import dev.nestor.ha.state.PausePolicy;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The HA settings built from the seed's Kea configuration files, through nestor-config. */
class HaSettingsTest {

    private static HaRelationship relationship(String resource) throws Exception {
        Path file = Path.of("src/test/resources", resource);
        Dhcp4Config config = ConfigLoader.loadDhcp4(file).config();
        return config.hooks().ha().orElseThrow().relationships().getFirst();
    }

    @Test
    void seedPrimaryGetsKeaDefaults() throws Exception {
        HaSettings settings = HaSettings.from(relationship("seed-primary.json"));
        assertThat(settings.thisServerName()).isEqualTo("server1");
        assertThat(settings.mode()).isEqualTo(HaMode.HOT_STANDBY);
        assertThat(settings.role()).isEqualTo(HaRole.PRIMARY);
        assertThat(settings.primaryName()).isEqualTo("server1");
        assertThat(settings.standbyName()).contains("server2");
        assertThat(settings.secondaryName()).isEmpty();
        assertThat(settings.partnerName()).contains("server2");
        assertThat(settings).isEqualTo(HaSettings.hotStandby("server1", "server1", "server2"));
        assertThat(settings.defaultScopes()).containsExactly("server1");
        assertThat(settings.failoverScopes()).containsExactly("server1");
    }

    @Test
    void seedStandbyServesNothingByDefault() throws Exception {
        HaSettings settings = HaSettings.from(relationship("seed-standby.json"));
        assertThat(settings.role()).isEqualTo(HaRole.STANDBY);
        assertThat(settings.partnerName()).contains("server1");
        assertThat(settings.defaultScopes()).isEmpty();
        assertThat(settings.failoverScopes()).containsExactly("server1");
    }

    @Test
    void backupsAndPassiveBackupHaveNoFailoverPartner() {
        assertThat(HaSettings.hotStandby("server3", "server1", "server2").partnerName()).isEmpty();
        assertThat(HaSettings.passiveBackup("server1", "server1").partnerName()).isEmpty();
        assertThat(HaSettings.loadBalancing("server2", "server1", "server2").failoverScopes())
                .containsExactlyInAnyOrder("server1", "server2");
    }

    @Test
    void pausesDefaultToNever() {
        HaSettings settings = HaSettings.hotStandby("server1", "server1", "server2")
                .withPause(HaState.READY, PausePolicy.ONCE);
        assertThat(settings.pausePolicy(HaState.READY)).isEqualTo(PausePolicy.ONCE);
        assertThat(settings.pausePolicy(HaState.WAITING)).isEqualTo(PausePolicy.NEVER);
    }

    @Test
    void modeRulesAreChecked() {
        assertThatThrownBy(() -> HaSettings.hotStandby("server1", "server1", "server2").withDelayedUpdatesLimit(5))
                .hasMessage("'delayed-updates-limit' must be set to 0 in the hot standby configuration");
        assertThatThrownBy(() -> new HaSettings("s", HaMode.HOT_STANDBY, HaRole.PRIMARY, "s", Optional.of("x"),
                Optional.empty(), 1, 1, 1, 1, 1, 0, true, true, 1, 1, true, java.util.Map.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
