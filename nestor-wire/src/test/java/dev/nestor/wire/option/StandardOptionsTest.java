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

    /** Expected texts were produced by stock kea-dhcp4 -t 2.2.0 for the same option-def. */
    @org.junit.jupiter.params.ParameterizedTest(name = "{0} {1} {2} {3}")
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
        "foo|200|record|string,uint8|false||string data field can't be laid before data fields of other types.",
        "foo|200|record|binary,uint8|false||binary data field can't be laid before data fields of other types.",
        "foo|200|record|uint8|false||invalid number of data fields: 1 specified for the option of type 'record'. Expected at least 2 fields.",
        "foo|200|record|uint8,record|false||invalid record type values specified for the option definition: attempted to add invalid data type 'record' to the record.",
        "foo|200|record|uint8,empty|false||invalid record type values specified for the option definition: attempted to add invalid data type 'empty' to the record.",
        "foo|200|record|uint8,string|true||array of strings is not a valid option definition.",
        "-foo|200|uint8||false||invalid option name '-foo'",
        "foo|200|string||true||array of strings is not a valid option definition.",
        "foo|200|binary||true||array of binary values is not a valid option definition.",
        "foo|200|empty||true||array of empty value is not a valid option definition.",
        "foo|200|uint8|uint8,uint8|false||invalid record type values specified for the option definition: 'record' option type must be used instead of 'uint8' to add data fields to the record",
        "foo|200|uint8||false|-bad|invalid encapsulated option space name: '-bad'",
        "foo|0|uint8||false||invalid option code '0': reserved for PAD",
        "foo|256|uint8||false||invalid option code '256', it must not be greater than '255'",
        "foo|200|uint8||true|bar|option 'dhcp4.foo', comprising an array of data fields may not encapsulate any option space",
    })
    void definitionValidationLikeKea(String name, int code, String type, String fields, boolean array,
                                     String encapsulate, String message) {
        java.util.List<OptionDataType> recordTypes = fields == null ? List.of()
                : java.util.Arrays.stream(fields.split(",")).map(f -> OptionDataType.fromKeaName(f).orElseThrow()).toList();
        OptionDefinition def = new OptionDefinition(name, code, "dhcp4",
                OptionDataType.fromKeaName(type).orElseThrow(), array, recordTypes, encapsulate);
        assertThat(def.validate(Universe.V4)).contains(message);
        if (!message.startsWith("invalid option code")) {
            assertThat(def.validate()).contains(message);
        }
    }

    @Test
    void validDefinitionsPass() {
        assertThat(OptionDefinition.record("r", 200, "dhcp4", true, OptionDataType.UINT8, OptionDataType.UINT16)
                .validate()).isEmpty();
        assertThat(OptionDefinition.record("r", 200, "dhcp4", false, OptionDataType.FQDN, OptionDataType.UINT8)
                .validate()).isEmpty();
        assertThat(OptionDefinition.of("f", 200, "dhcp4", OptionDataType.FQDN, true).validate()).isEmpty();
        assertThat(OptionDefinition.of("t", 200, "dhcp4", OptionDataType.TUPLE, true).validate()).isEmpty();
        assertThat(OptionDefinition.of("v6", 3000, "dhcp6", OptionDataType.UINT8, false).validate()).isEmpty();
        OptionDefinition customV6 = OptionDefinition.of("mine", 1000, "my-space", OptionDataType.UINT8, false);
        assertThat(customV6.validate()).isEmpty();
        assertThat(customV6.validate(Universe.V6)).isEmpty();
        assertThat(customV6.validate(Universe.V4)).contains("invalid option code '1000', it must not be greater than '255'");
        assertThat(OptionDefinition.of("zero", 0, "my-space", OptionDataType.UINT8, false).validate(Universe.V4)).isEmpty();
        for (OptionDefinition def : StandardOptions.dhcp4().definitions()) {
            assertThat(new OptionDefinition(def.name(), def.code(), "custom", def.type(), def.array(),
                    def.recordTypes(), def.encapsulate()).validate()).as(def.name()).isEmpty();
        }
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
