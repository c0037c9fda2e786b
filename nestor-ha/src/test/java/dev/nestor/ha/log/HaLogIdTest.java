package dev.nestor.ha.log;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The catalogue is complete for what the code logs, and every entry is well formed. */
class HaLogIdTest {

    private static final Pattern KEA_ID = Pattern.compile("\\b(HA_[A-Z0-9_]+|COMMAND_RECEIVED)\\b");

    private static Set<String> catalogue() {
        return Arrays.stream(HaLogId.values()).map(Enum::name).collect(Collectors.toSet());
    }

    /** Every Kea-style ID written anywhere in the module's main sources (code, Javadoc, strings) is catalogued. */
    @Test
    void everyIdMentionedInTheSourcesIsInTheCatalogue() throws IOException {
        Set<String> mentioned = new TreeSet<>();
        Path sources = Path.of("src/main/java/dev/nestor/ha");
        try (Stream<Path> files = Files.walk(sources)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                Matcher matcher = KEA_ID.matcher(Files.readString(file));
                while (matcher.find()) {
                    mentioned.add(matcher.group(1));
                }
            }
        }
        assertThat(mentioned).isNotEmpty();
        assertThat(catalogue()).containsAll(mentioned);
    }

    @Test
    void theMessagesTheGuideShowsAreCatalogued() {
        assertThat(catalogue()).contains("HA_STATE_TRANSITION", "HA_LEASE_UPDATES_ENABLED", "HA_LOCAL_DHCP_ENABLE",
                "COMMAND_RECEIVED", "HA_HEARTBEAT_COMMUNICATIONS_FAILED", "HA_COMMUNICATION_INTERRUPTED",
                "HA_COMMUNICATION_INTERRUPTED_CLIENT4_UNACKED", "HA_SYNC_START", "HA_SYNC_SUCCESSFUL",
                "HA_SYNC_FAILED", "HA_SYNC_COMPLETE_NOTIFY_FAILED", "HA_SYNC_COMPLETE_NOTIFY_COMMUNICATIONS_FAILED");
    }

    @Test
    void everyEntryHasContiguousPlaceholdersAndAMeaning() {
        for (HaLogId id : HaLogId.values()) {
            assertThat(id.meaning()).as(id.name()).isNotBlank().endsWith(".");
            assertThat(id.template()).as(id.name()).isNotBlank();
            for (int i = 1; i <= id.argumentCount(); i++) {
                assertThat(id.template()).as(id.name()).contains("%" + i);
            }
            Object[] arguments = new Object[id.argumentCount()];
            Arrays.fill(arguments, "x");
            assertThat(id.format(arguments)).as(id.name()).doesNotContain("%1");
        }
    }

    @Test
    void formatChecksTheArgumentCount() {
        assertThat(HaLogId.HA_STATE_TRANSITION.format("WAITING", "SYNCING", "WAITING"))
                .isEqualTo("server transitions from WAITING to SYNCING state, partner state is WAITING");
        assertThatThrownBy(() -> HaLogId.HA_STATE_TRANSITION.format("server1"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(HaLogId.COMMAND_RECEIVED.format("lease4-update")).isEqualTo("Received command 'lease4-update'");
    }

    @Test
    void slf4jLogWritesEverySeverity() {
        Slf4jHaLog log = Slf4jHaLog.forDhcp4();
        log.log(HaLogId.HA_STATE_MACHINE_CONTINUED);
        log.log(HaLogId.HA_HEARTBEAT_FAILED, "server2", "bad answer");
        log.log(HaLogId.HA_TERMINATED);
        log.log(HaLogId.HA_BUFFER4_RECEIVE_NOT_FOR_US, "[hwtype=1 00:0c:01:02:03:04]");
        assertThat(Slf4jHaLog.forDhcp6()).isNotNull();
    }
}
