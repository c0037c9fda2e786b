package dev.nestor.wire.option;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Option-data text to bytes. Expected bytes and error texts were checked against stock {@code kea-dhcp4 -t} 2.2.0
 * (each error case below was fed to it in a config; the message after "(space: dhcp4, code: N): " is what Kea prints).
 */
class OptionDataEncoderTest {

    private static OptionDefinition v4(String name) {
        return StandardOptions.dhcp4().byName(name).orElseThrow();
    }

    private static OptionDefinition v6(String name) {
        return StandardOptions.dhcp6().byName(name).orElseThrow();
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    @ParameterizedTest(name = "{0} csv={1} \"{2}\" -> {3}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "routers|true|192.0.2.1, 192.0.2.2|c0000201c0000202",
        "routers|true|1.2.3.4,,5.6.7.8|0102030405060708",
        "routers|true|\"\"|\"\"",
        "routers|false|C0 00 02 01|c0000201",
        "routers|false|\"\"|\"\"",
        "subnet-mask|true|::1|00000000000000000000000000000001",
        "subnet-mask|false|0102030405|0102030405",
        "interface-mtu|true|1500|05dc",
        "interface-mtu|true|0x5dc|05dc",
        "interface-mtu|true|5dc|05dc",
        "interface-mtu|true|0X5dc|05dc",
        "interface-mtu|true|+5|0005",
        "interface-mtu|true| 1500 |05dc",
        "interface-mtu|true|1500, 1|05dc",
        "time-offset|true|-1|ffffffff",
        "ip-forwarding|true|TRUE|01",
        "ip-forwarding|true|01|01",
        "ip-forwarding|true|false|00",
        "domain-name|true|example.com, foo|6578616d706c652e636f6d",
        "domain-name|true|foo\\,bar, baz|666f6f2c626172",
        "host-name|true|foo\\|666f6f5c",
        "host-name|false|4100|4100",
        "user-class|false|'  hello there '|68656c6c6f207468657265",
        "user-class|false|0x1|01",
        "user-class|false|0x0102ab|0102ab",
        "user-class|false|a:b:cc|0a0bcc",
        "user-class|false|abc|0abc",
        "dhcp-client-identifier|true|0102ff|0102ff",
        "dhcp-client-identifier|true|1A BB AD|1abbad",
        "dhcp-client-identifier|true|1A B BAD|1abbad",
        "uuid-guid|true|0, 1A BB|001abb",
        "domain-search|true|example.com, b.org.|076578616d706c6503636f6d000162036f726700",
        "domain-search|true|ex\\065mple|076578416d706c6500",
        "slp-service-scope|true|true, scope|0173636f7065",
        "slp-directory-agent|true|true,1.2.3.4,5.6.7.8|010102030405060708",
        "option-6rd|true|1,2,::1,1.2.3.4,5.6.7.8|01020000000000000000000000000000000101020304" + "05060708",
        "v4-portparams|true|1, 5/4|01045000",
        "v4-portparams|true|1, 0/0|01000000",
        "fqdn|true|1,2,3,host.example.|01020304686f7374076578616d706c6500",
        "fqdn|false|010203|010203",
        "fqdn|false|01020303616263|01020303616263",
        "uuid-guid|true|0,abcd|00abcd",
        "dhcp-agent-options|true|\"\"|\"\"",
        "dhcp-agent-options|false|0104deadbeef|0104deadbeef",
        "rdnss-selection|true|1,1.2.3.4,5.6.7.8,a.com,b.com|010102030405060708016103636f6d00016203636f6d00",
    })
    void encodesLikeKea(String name, boolean csv, String data, String expectedHex) throws OptionDataException {
        assertThat(hex(OptionDataEncoder.encode(v4(name), data, csv))).isEqualTo(expectedHex);
    }

    @ParameterizedTest(name = "{0} csv={1} \"{2}\"")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "routers|true|300.1.1.1|Failed to convert string to address '300.1.1.1': Invalid argument",
        "subnet-mask|true|01.2.3.4|Failed to convert string to address '01.2.3.4': Invalid argument",
        "interface-mtu|true|70000|unable to convert '70000' to numeric type. This value is expected to be in the range of 0..65535",
        "interface-mtu|true|-1|unable to convert '-1' to numeric type. This value is expected to be in the range of 0..65535",
        "interface-mtu|true|zz|unable to convert the value 'zz' to integer data type",
        "time-offset|true|-3000000000|unable to convert '-3000000000' to numeric type. This value is expected to be in the range of -2147483648..2147483647",
        "routers|false|zz|option data is not a valid string of hexadecimal digits: zz",
        "routers|false|'C0 00 02 01 '|DHCPv4 Option4AddrLst 3 has invalid length=11, must be divisible by 4.",
        "routers|false|\"C0 00 02 01 \"|\"option data is not a valid string of hexadecimal digits: C0 00 02 01 \"",
        "routers|false|01:02:03|DHCPv4 Option4AddrLst 3 has invalid length=3, must be divisible by 4.",
        "user-class|false|''|option data is not a valid string of hexadecimal digits: ''",
        "user-class|false|0x|option data is not a valid string of hexadecimal digits: 0x",
        "user-class|false|1:2::3|option data is not a valid string of hexadecimal digits: 1:2::3",
        "user-class|false|ab cd:ef|option data is not a valid string of hexadecimal digits: ab cd:ef",
        "user-class|false|0xab cd|option data is not a valid string of hexadecimal digits: 0xab cd",
        "dhcp-client-identifier|true|01:02:03|unable to cast 01:02:03 to binary data type: attempt to decode a value not in base16 char set",
        "dhcp-client-identifier|true|010|unable to cast 010 to binary data type: Incomplete input for base16: 010",
        "host-name|true|\"\"|no option value specified",
        "host-name|true|\" \"|failed to parse an option '12' holding string value' was empty or contained only nuls",
        "host-name|false|\"\"|failed to parse an option '12' holding string value' was empty or contained only nuls",
        "host-name|false|0000|failed to parse an option '12' holding string value' was empty or contained only nuls",
        "ip-forwarding|true|2|unable to convert '2' to boolean data type",
        "ip-forwarding|true|yes|unable to covert the value 'yes' to boolean data type",
        "slp-service-scope|true|true|number of data fields for the option type '79' is greater than number of values provided.",
        "option-6rd|true|1,2,::1|number of data fields for the option type '212' is greater than number of values provided.",
        "option-6rd|true|1,2,zz,1.2.3.4|Failed to convert string to address 'zz': Invalid argument",
        "v4-portparams|true|1, 5/17|invalid value 17 of PSID length",
        "v4-portparams|true|1, 70/4|invalid PSID value 70 for a specified PSID length 4",
        "v4-portparams|true|1, 5/x|provided PSID length x is not valid",
        "v4-portparams|true|1, 5|provided PSID value 5 is not valid",
        "vendor-encapsulated-options|true|abc|attempt to write invalid option data field type into the option buffer: 0",
        "domain-search|true|a..b|duplicate period in a..b",
        "domain-search|true|.example|non terminating empty label in .example",
        "domain-search|true|a.b, , c|incomplete textual name in <empty>",
        "domain-search|false|03616263|incomplete wire-format name",
        "dhcp-parameter-request-list|false|\"\"|option 55 empty",
    })
    void refusesLikeKea(String name, boolean csv, String data, String message) {
        assertThatThrownBy(() -> OptionDataEncoder.encode(v4(name), data, csv))
                .isInstanceOf(OptionDataException.class)
                .hasMessage(message);
    }

    @Test
    void labelLongerThan63IsRefused() {
        String label = "a".repeat(69);
        assertThatThrownBy(() -> OptionDataEncoder.encode(v4("domain-search"), label + ".com", true))
                .hasMessage("label is too long in " + label + ".com");
    }

    @Test
    void v6TypesEncode() throws OptionDataException {
        assertThat(hex(OptionDataEncoder.encode(v6("dns-servers"), "2001:db8::1, ::ffff:192.0.2.1", true)))
                .isEqualTo("20010db8000000000000000000000001" + "00000000000000000000ffffc0000201");
        assertThat(hex(OptionDataEncoder.encode(v6("pd-exclude"), "2001:db8:1:ff::/61", true)))
                .isEqualTo("3d20010db80001" + "00f8");
        assertThat(hex(OptionDataEncoder.encode(v6("bootfile-param"), "a,bc", true))).isEqualTo("00016100026263");
        assertThat(hex(OptionDataEncoder.encode(v6("status-code"), "2, no addresses", true)))
                .isEqualTo("00026e6f20616464726573736573");
        assertThat(hex(OptionDataEncoder.encode(v6("rapid-commit"), "", true))).isEmpty();
        assertThat(hex(OptionDataEncoder.encode(v6("client-fqdn"), "01", false))).isEqualTo("01");
        assertThat(hex(OptionDataEncoder.encode(v6("oro"), "010", false))).isEqualTo("0010");
    }

    /** Error texts produced by stock kea-dhcp6 -t 2.2.0 for the same option-data. */
    @ParameterizedTest(name = "{0} csv={1} \"{2}\"")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "dns-servers|true|192.0.2.1|Option 23 malformed: len=4 is not divisible by 16.",
        "dns-servers|false|0102|Option 23 malformed: len=2 is not divisible by 16.",
        "pd-exclude|true|2001:db8::|provided address/prefix 2001:db8:: is not valid.",
        "pd-exclude|true|2001:db8::/x|provided prefix x is not valid.",
        "pd-exclude|true|192.0.2.0/24|provided address 192.0.2.0 is not a valid IPv4 or IPv6 address.",
        "bootfile-param|false|0001610002626|unable to parse the opaque data tuple, the buffer length is 3, but the tuple length is 5648",
        "status-code|true|2|number of data fields for the option type '13' is greater than number of values provided.",
        "preference|true|256|unable to convert '256' to numeric type. This value is expected to be in the range of 0..255",
        "rapid-commit|true|x|attempt to write invalid option data field type into the option buffer: 0",
        "solmax-rt|false|0102|OptionInt 82 truncated",
        "new-posix-timezone|true|\" \"|failed to parse an option '41' holding string value' was empty or contained only nuls",
    })
    void v6RefusesLikeKea(String name, boolean csv, String data, String message) {
        assertThatThrownBy(() -> OptionDataEncoder.encode(v6(name), data, csv))
                .isInstanceOf(OptionDataException.class)
                .hasMessage(message);
    }

    @Test
    void tupleLengthDependsOnUniverse() throws OptionDataException {
        OptionDefinition custom = OptionDefinition.of("my-tuple", 200, "dhcp4", OptionDataType.TUPLE, false);
        assertThat(hex(OptionDataEncoder.encode(custom, "ab", true))).isEqualTo("026162");
        assertThat(hex(OptionDataEncoder.encode(custom, "ab", true, Universe.V6))).isEqualTo("00026162");
    }

    @Test
    void csvSplitHonoursEscapes() {
        assertThat(OptionDataEncoder.splitCsv("a\\,b,,c\\\\,\\x")).containsExactly("a,b", "c\\", "\\x");
        assertThat(OptionDataEncoder.splitCsv(",, ,")).containsExactly(" ");
    }

    @Test
    void decodeGivesValuesThatEncodeBack() throws OptionDataException {
        OptionDefinition def = v4("rdnss-selection");
        byte[] bytes = OptionDataEncoder.encode(def, "1, 1.2.3.4, 5.6.7.8, a.com, b.com", true);
        var result = OptionDataDecoder.decode(def, bytes, 0, bytes.length, Universe.V4);
        assertThat(result).isInstanceOf(OptionDataDecoder.Result.Values.class);
        var values = ((OptionDataDecoder.Result.Values) result).values();
        assertThat(values).extracting(OptionValue::toText)
                .containsExactly("1", "1.2.3.4", "5.6.7.8", "a.com.", "b.com.");
        String text = String.join(",", values.stream().map(OptionValue::toText).toList());
        assertThat(OptionDataEncoder.encode(def, text, true)).isEqualTo(bytes);
    }
}
