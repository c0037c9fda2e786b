package dev.nestor.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nestor.wire.v4.Dhcp4MessageType;
import dev.nestor.wire.v6.Dhcp6MessageType;
import org.junit.jupiter.api.Test;

/** The open one-byte message type codes both families share. */
class MessageTypeCodesTest {
    @Test
    void everyCodeHasOneSharedInstance() {
        for (int code = 0; code < 256; code++) {
            assertThat(Dhcp4MessageType.of(code)).isSameAs(Dhcp4MessageType.of(code)).isEqualTo(new Dhcp4MessageType(code));
            assertThat(Dhcp6MessageType.of(code)).isSameAs(Dhcp6MessageType.of(code)).isEqualTo(new Dhcp6MessageType(code));
            assertThat(Dhcp4MessageType.of(code).code()).isEqualTo(code);
        }
        assertThat(Dhcp4MessageType.of(5)).isSameAs(Dhcp4MessageType.ACK);
        assertThat(Dhcp6MessageType.of(7)).isSameAs(Dhcp6MessageType.REPLY);
    }

    @Test
    void knownCodesHaveKeaNamesAndTheRestKeepTheirNumber() {
        assertThat(Dhcp4MessageType.of(0).isKnown()).isFalse();
        assertThat(Dhcp4MessageType.of(0)).hasToString("UNKNOWN_0");
        assertThat(Dhcp4MessageType.of(1)).hasToString("DHCPDISCOVER");
        assertThat(Dhcp4MessageType.of(18)).hasToString("DHCPTLS");
        assertThat(Dhcp4MessageType.of(19).isKnown()).isFalse();
        assertThat(Dhcp6MessageType.of(21)).hasToString("DHCPV4_RESPONSE");
        assertThat(Dhcp6MessageType.of(22)).hasToString("UNKNOWN_22");
        assertThat(new MessageTypeCodes(null, "ONE").name(2)).isEqualTo("UNKNOWN_2");
    }

    @Test
    void codesOutsideOneByteAreRefused() {
        assertThatThrownBy(() -> new Dhcp4MessageType(256)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("message type out of range: 256");
        assertThatThrownBy(() -> new Dhcp6MessageType(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("message type out of range: -1");
    }
}
