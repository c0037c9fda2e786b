package dev.nestor.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ClassExpressionTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "option[93].hex == 0x0009",
        "substring(option[60].hex,0,9) == 'PXEClient'",
        "option[vendor-class-identifier].text == 'docsis3.0'",
        "not member('KNOWN') and option[82].exists",
        "(pkt4.msgtype == 1 or pkt4.giaddr == 10.0.0.1) and pkt.iface == 'eth0'",
        "relay4[1].hex == 'circuit'",
        "concat(option[12].text, hexstring(pkt4.mac, ':')) == 'a'",
        "ifelse(option[43].exists, option[43].hex, 0x00) == 0x01",
        "vendor-class[4491].exists and vendor[*].option[1].exists",
        "vendor.enterprise == 4491",
        "vendor-class[4491].data[1] == 'x'",
        "member('VENDOR_CLASS_docsis3.0')",
        "substring(pkt4.mac, -3, all) == 0xaabbcc",
        "member('earlier')",
        "option[12].text + '.' + option[15].text == 'host.example.org'"})
    void acceptsKeaExpressions(String text) {
        assertThat(ClassExpression.check(text, Family.V4, Set.of("earlier"))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "option[1001].hex == 0x01",
        "option[93].hex = 0x0009",
        "option[93].hex == ",
        "option[93].hex",
        "option[93].bytes == 0x00",
        "member('later')",
        "(option[82].exists",
        "pkt6.msgtype == 1",
        "relay6[0].peeraddr == ::1",
        "option[60].text == 'unterminated",
        "substring(option[60].hex, 0) == 'a'",
        "foo == 'bar'",
        "option[82].exists extra"})
    void refusesBrokenOnes(String text) {
        assertThat(ClassExpression.check(text, Family.V4, Set.of("earlier"))).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "pkt6.msgtype == 1 and relay6[0].peeraddr == 2001:db8::1",
        "relay6[0].option[37].hex == 0x0102",
        "option[1001].exists"})
    void dhcp6Forms(String text) {
        assertThat(ClassExpression.check(text, Family.V6, Set.of())).isEmpty();
    }
}
