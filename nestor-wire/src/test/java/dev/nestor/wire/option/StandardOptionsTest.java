package dev.nestor.wire.option;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class StandardOptionsTest {

    @Test
    void dhcp4TableMatchesSpecSpotChecks() {
        OptionSpace space = StandardOptions.dhcp4();
        assertThat(space.definitions()).hasSize(114);
        assertThat(space.byName("domain-name-servers")).get()
                .isEqualTo(OptionDefinition.of("domain-name-servers", 6, "dhcp4", OptionDataType.IPV4_ADDRESS, true));
        assertThat(space.byCode(15).orElseThrow().type()).isEqualTo(OptionDataType.STRING);
        assertThat(space.byCode(81).orElseThrow().recordTypes()).containsExactly(OptionDataType.UINT8,
                OptionDataType.UINT8, OptionDataType.UINT8, OptionDataType.FQDN);
        assertThat(space.byCode(82).orElseThrow().encapsulate()).isEqualTo("dhcp-agent-options-space");
        assertThat(space.byCode(43).orElseThrow().encapsulate()).isEqualTo("vendor-encapsulated-options-space");
        assertThat(space.byCode(85).orElseThrow().name()).isEqualTo("nds-servers");
        assertThat(space.byCode(224)).isEmpty();
        assertThat(space.byName("no-such-option")).isEmpty();
    }

    @Test
    void dhcp6TableMatchesSpecSpotChecks() {
        OptionSpace space = StandardOptions.dhcp6();
        assertThat(space.byName("ia-pd").orElseThrow().recordTypes()).hasSize(3);
        assertThat(space.byCode(26).orElseThrow().name()).isEqualTo("iaprefix");
        assertThat(space.byCode(67).orElseThrow().type()).isEqualTo(OptionDataType.IPV6_PREFIX);
        assertThat(space.byCode(60).orElseThrow().type()).isEqualTo(OptionDataType.TUPLE);
        assertThat(StandardOptions.v6Space("4o6").orElseThrow().byCode(60001).orElseThrow().name())
                .isEqualTo("4o6-source-address");
        assertThat(StandardOptions.v4Space("vendor-4491").orElseThrow().byName("tftp-servers")).isPresent();
        assertThat(StandardOptions.v6Space("s46-cont-mape-options").orElseThrow().byCode(89).orElseThrow()
                .encapsulate()).isEqualTo("s46-rule-options");
    }

    @Test
    void typeNamesRoundTrip() {
        for (OptionDataType type : OptionDataType.values()) {
            assertThat(OptionDataType.fromKeaName(type.keaName())).contains(type);
        }
        assertThat(OptionDataType.fromKeaName("IPV4-ADDRESS")).isEmpty();
        assertThat(OptionDataType.fromKeaName("any-address")).isEmpty();
    }

    @Test
    void customSpaceRefusesDuplicates() {
        OptionDefinition a = OptionDefinition.of("foo", 1, "my", OptionDataType.UINT8, false);
        OptionDefinition b = OptionDefinition.of("bar", 1, "my", OptionDataType.UINT8, false);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new OptionSpace("my", List.of(a, b)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(new OptionSpace("my", List.of(a)).with(List.of(
                OptionDefinition.of("baz", 300, "my", OptionDataType.UINT8, false))).byCode(300)).isPresent();
    }

    @Test
    void definitionValidation() {
        assertThat(OptionDefinition.record("r", 200, "dhcp4", false, OptionDataType.STRING, OptionDataType.UINT8)
                .validate()).isPresent();
        assertThat(OptionDefinition.record("r", 200, "dhcp4", false, OptionDataType.UINT8, OptionDataType.STRING)
                .validate()).isEmpty();
        assertThat(OptionDefinition.of("-bad", 200, "dhcp4", OptionDataType.UINT8, false).validate()).isPresent();
        assertThat(OptionDefinition.of("s", 200, "dhcp4", OptionDataType.STRING, true).validate()).isPresent();
    }

    @Test
    void addressText() {
        assertThat(AddressText.parseIpv4("192.0.2.1")).isEqualTo(0xc0000201L);
        assertThat(AddressText.parseIpv4("192.0.2")).isEqualTo(-1);
        assertThat(AddressText.parseIpv4("192.0.2.01")).isEqualTo(-1);
        assertThat(AddressText.parseIpv4("256.0.2.1")).isEqualTo(-1);
        assertThat(AddressText.parseIpv6("::")).containsOnly(0);
        assertThat(AddressText.parseIpv6(":::")).isNull();
        assertThat(AddressText.parseIpv6("1:2:3:4:5:6:7:8:9")).isNull();
        assertThat(AddressText.parseIpv6("1::2::3")).isNull();
        assertThat(AddressText.formatIpv6(AddressText.parseIpv6("2001:DB8:0:0:1:0:0:1"))).isEqualTo("2001:db8::1:0:0:1");
        assertThat(AddressText.formatIpv6(AddressText.parseIpv6("fe80::"))).isEqualTo("fe80::");
        assertThat(AddressText.formatIpv6(AddressText.parseIpv6("1:0:2:3:4:5:6:7"))).isEqualTo("1:0:2:3:4:5:6:7");
        assertThat(AddressText.formatIpv6(AddressText.parseIpv6("::ffff:1.2.3.4"))).isEqualTo("::ffff:1.2.3.4");
    }
}
