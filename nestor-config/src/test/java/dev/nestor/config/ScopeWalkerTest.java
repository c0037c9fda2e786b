package dev.nestor.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The shared scope walk ({@link ScopeWalker}) reports the same first error, with the same position, as the two family
 * parsers did before they shared it. Each message was taken from the parsers before the walk was shared; a config
 * that loads is marked {@code OK}.
 */
class ScopeWalkerTest {
    static Stream<Arguments> configs() {
        return Stream.of(
            Arguments.of("6", "\"shared-networks\": [ { \"name\": \"n\", \"interface\": \"eth0\", \"interface-id\": \"x\", \"client-class\": 5 } ]",
                    "parameters 'interface' and 'interface-id' are mutually exclusive (t.json:1:87)"),
            Arguments.of("6", "\"shared-networks\": [ { \"name\": \"n\", \"interface-id\": 5 } ]",
                    "t.json:1.66: syntax error, unexpected integer, expecting constant string"),
            Arguments.of("6", "\"shared-networks\": [ { \"name\": \"n\", \"interface-id\": 5, \"subnet6\": [ { \"subnet\": \"2001:db8::/64\", \"interface-id\": \"y\" } ] } ]",
                    "t.json:1.66: syntax error, unexpected integer, expecting constant string"),
            Arguments.of("6", "\"shared-networks\": [ { \"name\": \"n\", \"interface\": \"eth0\", \"interface-id\": \"x\", \"require-client-classes\": 5 } ]",
                    "parameters 'interface' and 'interface-id' are mutually exclusive (t.json:1:87)"),
            Arguments.of("4", "\"shared-networks\": [ { \"name\": \"n\", \"next-server\": \"bad\", \"client-class\": 5 } ]",
                    "t.json:1.88: syntax error, unexpected integer, expecting constant string"),
            Arguments.of("4", "\"shared-networks\": [ { \"name\": \"n\", \"authoritative\": \"yes\" } ]",
                    "t.json:1.67: syntax error, unexpected constant string, expecting boolean"),
            Arguments.of("4", "\"shared-networks\": [ { \"name\": \"n\", \"authoritative\": true, \"subnet4\": [ { \"subnet\": \"192.0.2.0/24\" } ] } ]",
                    "OK"),
            Arguments.of("4", "\"shared-networks\": [ { \"name\": \"n\", \"relay\": { \"ip-address\": \"2001::1\" }, \"interface\": 5 } ]",
                    "address is not IPv4: 2001::1 (t.json:1:75)"),
            Arguments.of("6", "\"shared-networks\": [ { \"name\": \"n\", \"relay\": { \"ip-addresses\": [ \"192.0.2.1\" ] } } ]",
                    "address is not IPv6: 192.0.2.1 (t.json:1:77)"),
            Arguments.of("4", "\"subnet4\": [ { \"subnet\": \"192.0.2.0/24\", \"pools\": [ { \"pool\": \"192.0.2.1-192.0.2.9\" }, { \"pool\": \"192.0.2.0/28\" } ] } ]",
                    "a pool of type V4, with the following address range: 192.0.2.0-192.0.2.15 overlaps with an existing pool in the subnet: 192.0.2.0/24 to which it is being added (t.json:1:111)"),
            Arguments.of("6", "\"subnet6\": [ { \"subnet\": \"2001:db8::/64\", \"pd-pools\": [ { \"prefix\": \"3000::\", \"prefix-len\": 48, \"delegated-len\": 64 }, { \"prefix\": \"3000::\", \"prefix-len\": 56, \"delegated-len\": 64 } ] } ]",
                    "a pool of type IA_PD, with the following prefix: 3000::/56 overlaps with an existing pool in the subnet: 2001:db8::/64 to which it is being added (t.json:1:145)"),
            Arguments.of("4", "\"subnet4\": [ { \"subnet\": \"192.0.2.0/24\" }, { \"subnet\": \"192.0.2.0/24\" } ]",
                    "subnet with the prefix of '192.0.2.0/24' already exists (t.json:1:69)"),
            Arguments.of("6", "\"subnet6\": [ { \"subnet\": \"2001:db8::/64\", \"id\": 3 }, { \"subnet\": \"2001:db8:1::/64\", \"id\": 3 } ]",
                    "ID of the new IPv6 subnet '3' is already in use (t.json:1:104)"),
            Arguments.of("4", "\"subnet4\": [ { \"subnet\": \"192.0.2.0/24\", \"calculate-tee-times\": true, \"t1-percent\": 0.9, \"t2-percent\": 0.8 } ]",
                    "subnet configuration failed: t1-percent:  0.9 is invalid, it must be less than t2-percent: 0.8 (t.json:1:98)"),
            Arguments.of("6", "\"subnet6\": [ { \"subnet\": \"2001:db8::/64\", \"t1-percent\": 0.9 } ]",
                    "subnet configuration failed: t1-percent:  0.9 is invalid, it must be less than t2-percent: 0.8 (t.json:1:70)"),
            Arguments.of("4", "\"reservations\": [ { \"hw-address\": \"01:02:03:04:05:06\" }, { \"hw-address\": \"01:02:03:04:05:06\" } ]",
                    "failed to add new host using the identifier 'hw-address=01:02:03:04:05:06' to the IPv4 subnet because a host with this identifier already exists (t.json:1:87)"),
            Arguments.of("4", "\"host-reservation-identifiers\": [ \"duid\", \"bogus\" ]",
                    "invalid host identifier type 'bogus' (expected one of hw-address, duid, circuit-id, client-id, flex-id) (t.json:1:56)"),
            Arguments.of("6", "\"subnet6\": [ { \"subnet\": \"2001:db8::/64\", \"pools\": [ { \"pool\": \"2001:db8::5 - 2001:db8::1\" } ] } ]",
                    "Failed to create pool defined by: 2001:db8::5-2001:db8::1 (t.json:1:77)"),
            Arguments.of("4", "\"subnet4\": [ { \"subnet\": \"192.0.2.0/24\", \"pools\": [ { \"pool\": \"192.0.2.0/33\" } ] } ]",
                    "invalid pool definition: 192.0.2.0/33. There are two acceptable formats <min address-max address> or <prefix/len> (t.json:1:76)"),
            Arguments.of("4", "\"subnet4\": [ { \"subnet\": \"192.0.2.0/24\", \"renew-timer\": 100, \"rebind-timer\": 50 } ]",
                    "subnet configuration failed: the value of renew-timer (100) is greater than the value of rebind-timer (50) (t.json:1:70)"),
            Arguments.of("4", "\"subnet4\": [ { \"subnet\": \"192.0.2.0/24\", \"cache-threshold\": 1.5 } ]",
                    "subnet configuration failed: cache-threshold: 1.5 is invalid, it must be greater than 0.0 and less than 1.0 (t.json:1:74)"));
    }

    @ParameterizedTest(name = "[{index}] v{0}: {2}")
    @MethodSource("configs")
    void firstErrorIsTheOneTheFamilyParsersReported(String family, String body, String expected) throws Exception {
        String json = "{ \"Dhcp" + family + "\": { " + body + " } }";
        String actual;
        if (expected.equals("OK")) {
            if (family.equals("4")) ConfigLoader.parseDhcp4(json, "t.json", Path.of(""));
            else ConfigLoader.parseDhcp6(json, "t.json", Path.of(""));
            actual = "OK";
        } else {
            actual = catchThrowableOfType(ConfigException.class, () -> {
                if (family.equals("4")) ConfigLoader.parseDhcp4(json, "t.json", Path.of(""));
                else ConfigLoader.parseDhcp6(json, "t.json", Path.of(""));
            }).getMessage();
        }
        assertThat(actual).isEqualTo(expected);
    }
}
