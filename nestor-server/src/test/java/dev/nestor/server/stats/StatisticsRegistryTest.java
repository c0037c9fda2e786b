package dev.nestor.server.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class StatisticsRegistryTest {
    private final Clock clock = Clock.fixed(Instant.parse("2019-07-30T10:04:28.386Z"), ZoneOffset.UTC);

    @Test
    void globalStatisticsExistWithKeaNamesAtZero() {
        StatisticsRegistry registry = new StatisticsRegistry(clock);
        Dhcp4Statistics statistics = new Dhcp4Statistics(registry);
        statistics.received.increment();
        statistics.receivedOfType(1).increment();
        statistics.receivedOfType(99).increment();
        assertThat(registry.value("pkt4-received")).isEqualTo(1);
        assertThat(registry.value("pkt4-discover-received")).isEqualTo(1);
        assertThat(registry.value("pkt4-unknown-received")).isEqualTo(1);
        assertThat(registry.find("pkt4-nak-sent")).isPresent();
        assertThat(registry.find("v4-allocation-fail-classes")).isPresent();
        assertThat(registry.samples()).extracting(StatisticSample::name).isSorted();
    }

    @Test
    void subnetAndPoolNamesFollowKea() {
        StatisticsRegistry registry = new StatisticsRegistry(clock);
        SubnetStatistics subnet = new SubnetStatistics(registry, 7);
        AddressStatistics pool = AddressStatistics.ofPool(registry, 7, 0);
        subnet.addresses.totalAddresses.set(254);
        pool.assignedAddresses.add(3);
        pool.assignedAddresses.add(-1);
        assertThat(registry.value("subnet[7].total-addresses")).isEqualTo(254);
        assertThat(registry.value("subnet[7].pool[0].assigned-addresses")).isEqualTo(2);
        assertThat(registry.find("subnet[7].v4-allocation-fail-subnet")).isPresent();
        registry.removeByPrefix("subnet[");
        assertThat(registry.find("subnet[7].total-addresses")).isEmpty();
    }

    @Test
    void resetRemoveAndChangeTime() {
        StatisticsRegistry registry = new StatisticsRegistry(clock);
        Statistic statistic = registry.statistic("pkt4-received");
        statistic.add(5);
        assertThat(statistic.sample().changedMillis()).isEqualTo(clock.millis());
        assertThat(registry.reset("pkt4-received")).isTrue();
        assertThat(registry.value("pkt4-received")).isZero();
        assertThat(registry.remove("pkt4-received")).isTrue();
        assertThat(registry.remove("pkt4-received")).isFalse();
        assertThat(registry.reset("nope")).isFalse();
    }
}
