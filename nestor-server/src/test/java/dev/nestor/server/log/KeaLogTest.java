package dev.nestor.server.log;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class KeaLogTest {
    @Test
    void formatsIdThenTextWithArguments() {
        assertThat(KeaLog.format(LogMessage.DHCP4_LEASE_ALLOC, "[hwtype=1 00:0c:01:02:03:04]", "10.0.0.5", 4000))
                .isEqualTo("DHCP4_LEASE_ALLOC [hwtype=1 00:0c:01:02:03:04]: lease 10.0.0.5 has been allocated"
                        + " for 4000 seconds");
        assertThat(LogMessage.DHCP4_LEASE_ALLOC.loggerName()).isEqualTo("kea-dhcp4.leases");
        assertThat(LogMessage.DHCP4_LEASE_ALLOC.argumentCount()).isEqualTo(3);
    }
}
