package dev.nestor.ha.state;

import dev.nestor.ha.HaSettings;
import dev.nestor.ha.log.HaLogId;
import dev.nestor.ha.testing.RecordingHaLog;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The transition table, case by case: for each mode and role, each local state and each partner state (plus the
 * three flavours of "unavailable"), the first transition one run of the machine makes against a fake partner whose
 * requests all succeed; 624 cells, one parameterized case per table, listing every cell that differs. The expected tables are written out here by hand from ha-protocol.md §6.3, independently of
 * the machine's code.
 */
class HaStateMachineTableTest {

    /** Partner columns of the tables below, in order. */
    private static final List<String> COLUMNS = List.of("never", "waiting", "syncing", "ready", "hot-standby",
            "load-balancing", "communication-recovery", "partner-down", "partner-in-maintenance", "in-maintenance",
            "terminated", "backup", "passive-backup", "unavailable", "unavailable+interrupted",
            "unavailable+interrupted+failure");

    private static final Map<String, String> ABBREVIATIONS = Map.ofEntries(Map.entry("w", "waiting"),
            Map.entry("s", "syncing"), Map.entry("r", "ready"), Map.entry("hs", "hot-standby"),
            Map.entry("lb", "load-balancing"), Map.entry("cr", "communication-recovery"),
            Map.entry("pd", "partner-down"), Map.entry("pim", "partner-in-maintenance"),
            Map.entry("im", "in-maintenance"), Map.entry("t", "terminated"), Map.entry("b", "backup"),
            Map.entry("pb", "passive-backup"), Map.entry("-", "-"));

    //                                 nv W  S  R  HS LB CR PD PIM IM T  B  PB U0 U1 U2
    private static final String HOT_STANDBY_PRIMARY = """
            waiting                    -  s  -  s  s  -  -  s  s   s  -  -  -  -  pd pd
            syncing                    -  r  r  r  r  w  w  r  r   r  t  r  r  -  pd pd
            ready                      -  -  -  hs hs w  w  -  im  pim t - -  -  pd pd
            hot-standby                -  -  -  -  -  w  w  w  im  pim t - -  -  pd pd
            partner-down               -  -  -  hs -  w  w  w  w   -  t  -  -  -  -  -
            partner-in-maintenance     -  -  -  -  -  -  -  -  -   -  -  -  -  pd pd pd
            in-maintenance             -  -  -  -  -  -  -  -  -   -  -  -  -  -  -  -
            terminated                 -  -  -  -  -  -  -  -  -   -  -  -  -  -  -  -
            """;

    // the standby waits for the primary in waiting and ready, and needs the unacked analysis while serving
    private static final String HOT_STANDBY_STANDBY = """
            waiting                    -  -  -  s  s  -  -  s  s   s  -  -  -  -  pd pd
            syncing                    -  r  r  r  r  w  w  r  r   r  t  r  r  -  pd pd
            ready                      -  -  -  -  hs w  w  -  im  pim t - -  -  pd pd
            hot-standby                -  -  -  -  -  w  w  w  im  pim t - -  -  -  pd
            partner-down               -  -  -  hs -  w  w  w  w   -  t  -  -  -  -  -
            partner-in-maintenance     -  -  -  -  -  -  -  -  -   -  -  -  -  pd pd pd
            in-maintenance             -  -  -  -  -  -  -  -  -   -  -  -  -  -  -  -
            terminated                 -  -  -  -  -  -  -  -  -   -  -  -  -  -  -  -
            """;

    private static final String LOAD_BALANCING_PRIMARY = """
            waiting                    -  s  -  s  -  s  s  s  s   s  -  -  -  -  pd pd
            syncing                    -  r  r  r  w  r  r  r  r   r  t  r  r  -  pd pd
            ready                      -  -  -  lb w  lb lb -  im  pim t - -  -  pd pd
            load-balancing             -  -  -  -  w  -  -  w  im  pim t - -  cr cr pd
            communication-recovery     -  -  -  -  w  lb lb w  im  pim t w w  -  -  pd
            partner-down               -  -  -  lb w  -  w  w  w   -  t  -  -  -  -  -
            partner-in-maintenance     -  -  -  -  -  -  -  -  -   -  -  -  -  pd pd pd
            in-maintenance             -  -  -  -  -  -  -  -  -   -  -  -  -  -  -  -
            terminated                 -  -  -  -  -  -  -  -  -   -  -  -  -  -  -  -
            """;

    private static final String LOAD_BALANCING_SECONDARY = """
            waiting                    -  -  -  s  -  s  s  s  s   s  -  -  -  -  pd pd
            syncing                    -  r  r  r  w  r  r  r  r   r  t  r  r  -  pd pd
            ready                      -  -  -  -  w  lb lb -  im  pim t - -  -  pd pd
            load-balancing             -  -  -  -  w  -  -  w  im  pim t - -  cr cr pd
            communication-recovery     -  -  -  -  w  lb lb w  im  pim t w w  -  -  pd
            partner-down               -  -  -  lb w  -  w  w  w   -  t  -  -  -  -  -
            partner-in-maintenance     -  -  -  -  -  -  -  -  -   -  -  -  -  pd pd pd
            """;

    // delayed-updates-limit 0: no communication-recovery, load-balancing stays until the analysis concludes
    private static final String LOAD_BALANCING_NO_BACKLOG = """
            load-balancing             -  -  -  -  w  -  -  w  im  pim t - -  -  -  pd
            """;

    private static final String PASSIVE_BACKUP_PRIMARY = """
            waiting                    pb pb pb pb pb pb pb pb pb  pb pb pb pb pb pb pb
            passive-backup             -  -  -  -  -  -  -  -  -   -  -  -  -  -  -  -
            """;

    private static final String BACKUP_SERVER = """
            waiting                    b  b  b  b  b  b  b  b  b   b  b  b  b  b  b  b
            backup                     -  -  -  -  -  -  -  -  -   -  -  -  -  -  -  -
            """;

    /** One entry per mode and role: its settings and its table. */
    static Stream<Arguments> tables() {
        return Stream.of(
                Arguments.of("hot-standby primary", HaSettings.hotStandby("server1", "server1", "server2"),
                        HOT_STANDBY_PRIMARY),
                Arguments.of("hot-standby standby", HaSettings.hotStandby("server2", "server1", "server2"),
                        HOT_STANDBY_STANDBY),
                Arguments.of("load-balancing primary", HaSettings.loadBalancing("server1", "server1", "server2"),
                        LOAD_BALANCING_PRIMARY),
                Arguments.of("load-balancing secondary", HaSettings.loadBalancing("server2", "server1", "server2"),
                        LOAD_BALANCING_SECONDARY),
                Arguments.of("load-balancing without backlog",
                        HaSettings.loadBalancing("server1", "server1", "server2").withDelayedUpdatesLimit(0),
                        LOAD_BALANCING_NO_BACKLOG),
                Arguments.of("passive-backup primary", HaSettings.passiveBackup("server1", "server1"),
                        PASSIVE_BACKUP_PRIMARY),
                Arguments.of("hot-standby backup", HaSettings.hotStandby("server3", "server1", "server2"),
                        BACKUP_SERVER),
                Arguments.of("load-balancing backup", HaSettings.loadBalancing("server3", "server1", "server2"),
                        BACKUP_SERVER));
    }

    /** Total number of (my state x partner state) cells over all tables; printed and checked. */
    private static final AtomicInteger CELLS = new AtomicInteger();

    private static PartnerView view(String column) {
        return switch (column) {
            case "never" -> PartnerView.neverContacted();
            case "unavailable" -> PartnerView.seen(HaState.UNAVAILABLE);
            case "unavailable+interrupted" -> PartnerView.seen(HaState.UNAVAILABLE).interrupted(false);
            case "unavailable+interrupted+failure" -> PartnerView.seen(HaState.UNAVAILABLE).interrupted(true);
            default -> PartnerView.seen(HaState.fromKeaName(column).orElseThrow());
        };
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tables")
    void everyCellOfTheTable(String name, HaSettings settings, String table) {
        List<String> mismatches = new ArrayList<>();
        int cells = 0;
        for (String line : table.strip().split("\n")) {
            String[] row = line.strip().split("\\s+");
            assertThat(row).as("row %s of %s", row[0], name).hasSize(COLUMNS.size() + 1);
            HaState mine = HaState.fromKeaName(row[0]).orElseThrow();
            for (int column = 0; column < COLUMNS.size(); column++) {
                String expected = ABBREVIATIONS.get(row[column + 1]);
                assertThat(expected).as("cell %s of %s", row[column + 1], line).isNotNull();
                String actual = firstTransition(settings, mine, COLUMNS.get(column));
                cells++;
                if (!actual.equals(expected)) {
                    mismatches.add(mine + " x partner " + COLUMNS.get(column) + ": expected " + expected + ", got "
                            + actual);
                }
            }
        }
        CELLS.addAndGet(cells);
        System.out.printf("transition table %s: %d cells%n", name, cells);
        assertThat(mismatches).as(name).isEmpty();
    }

    /** Runs the machine once from {@code mine} against the partner column; the first transition's target or "-". */
    private static String firstTransition(HaSettings settings, HaState mine, String partnerColumn) {
        RecordingHaLog log = new RecordingHaLog();
        HaStateMachine machine = new HaStateMachine(settings, new FakePartner(), log,
                Clock.fixed(Instant.parse("2026-11-26T00:00:00Z"), ZoneOffset.UTC));
        machine.startIn(mine);
        log.clear();
        machine.run(view(partnerColumn));
        Optional<String> first = log.entries().stream()
                .filter(e -> e.id() == HaLogId.HA_STATE_TRANSITION || e.id() == HaLogId.HA_STATE_TRANSITION_PASSIVE_BACKUP)
                .map(RecordingHaLog.Entry::text).findFirst();
        if (first.isEmpty()) {
            return machine.state() == mine ? "-" : "silently " + machine.state();
        }
        String to = first.get().replaceAll(".* to (\\S+) state.*", "$1").toLowerCase(java.util.Locale.ROOT);
        String from = first.get().replaceAll(".* from (\\S+) to .*", "$1");
        return from.equals(mine.logName()) ? to : "from " + from;
    }

    @AfterAll
    static void allCellsWereChecked() {
        assertThat(CELLS.get()).isEqualTo(624);
    }
}
