package dev.nestor.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class Dhcp6ParserTest {

    private static LoadedConfig<Dhcp6Config> load(String dhcp6Body) throws ConfigException {
        return ConfigLoader.parseDhcp6("{ \"Dhcp6\": { " + dhcp6Body + " } }", "t6.json", Path.of(""));
    }

    @Test
    void defaults() throws Exception {
        Dhcp6Config c = load("\"subnet6\": [ { \"subnet\": \"2001:db8:1:0:ffff::/64\" } ]").config();
        assertThat(c.preferredLifetime()).isEqualTo(Triplet.of(3600));
        assertThat(c.validLifetime()).isEqualTo(Triplet.of(7200));
        assertThat(c.hostReservationIdentifiers()).containsExactly("hw-address", "duid");
        assertThat(c.macSources()).containsExactly("any");
        assertThat(c.interfacesConfig().dhcpSocketType()).isEqualTo("udp");
        assertThat(c.serverId()).isEmpty();
        Subnet6 s = c.subnets().get(0);
        assertThat(s.prefix().toString()).isEqualTo("2001:db8:1::/64");
        assertThat(s.calculateTeeTimes()).isTrue();
        assertThat(s.t1Percent()).isEqualTo(0.5);
        assertThat(s.t2Percent()).isEqualTo(0.8);
        assertThat(s.rapidCommit()).isFalse();
        assertThat(s.preferredLifetime()).isEqualTo(Triplet.of(3600));
    }

    @Test
    void subnetAndClientClassLookups() throws Exception {
        Dhcp6Config c = load("""
                "client-classes": [ { "name": "phones" } ],
                "shared-networks": [ { "name": "n", "subnet6": [ { "id": 7, "subnet": "2001:db8:7::/64" } ] } ],
                "subnet6": [ { "id": 3, "subnet": "2001:db8:3::/64" } ]
                """).config();
        assertThat(c.subnet(7)).hasValueSatisfying(s -> assertThat(s.sharedNetwork()).contains("n"));
        assertThat(c.subnet(3)).hasValueSatisfying(s -> assertThat(s.prefix().toString()).isEqualTo("2001:db8:3::/64"));
        assertThat(c.subnet(4)).isEmpty();
        assertThat(c.clientClass("phones")).hasValueSatisfying(k -> assertThat(k.name()).isEqualTo("phones"));
        assertThat(c.clientClass("printers")).isEmpty();
        FamilyConfig<Subnet6> generic = c;
        assertThat(generic.subnets()).extracting(FamilySubnet::id).containsExactly(3L, 7L);
    }

    @Test
    void poolsPdPoolsReservationsAndInheritance() throws Exception {
        Dhcp6Config c = load("""
                "preferred-lifetime": 3000, "valid-lifetime": 4000, "renew-timer": 1000, "rebind-timer": 2000,
                "server-id": { "type": "EN", "enterprise-id": 2495, "identifier": "0123" },
                "relay-supplied-options": [ "65", "dns-servers" ],
                "shared-networks": [ { "name": "n", "interface-id": "vlan9", "rapid-commit": true,
                  "option-data": [ { "name": "dns-servers", "data": "2001:db8::53" } ],
                  "subnet6": [ { "id": 9, "subnet": "2001:db8:1::/64",
                    "pools": [ { "pool": "2001:db8:1::10 - 2001:db8:1::ff" }, { "pool": "2001:db8:1:0:5::/80" } ],
                    "pd-pools": [ { "prefix": "3000:1::", "prefix-len": 48, "delegated-len": 64,
                                    "excluded-prefix": "3000:1::", "excluded-prefix-len": 72 } ],
                    "reservations": [ { "duid": "01:02:03:04", "ip-addresses": [ "2001:db8:1::100" ],
                                        "prefixes": [ "3000:2::/64" ], "hostname": "h" } ] } ] } ]
                """).config();
        Subnet6 s = c.subnets().get(0);
        assertThat(s.interfaceId()).contains("vlan9");
        assertThat(s.rapidCommit()).isTrue();
        assertThat(s.preferredLifetime()).isEqualTo(Triplet.of(3000));
        assertThat(s.renewTimer()).hasValue(1000);
        assertThat(s.options()).extracting(OptionData::name).containsExactly("dns-servers");
        assertThat(s.options().get(0).length()).isEqualTo(16);
        assertThat(s.pools()).hasSize(2);
        assertThat(s.pools().get(0).contains(Addresses.parseV6("2001:db8:1::20"))).isTrue();
        assertThat(s.pools().get(0).contains(Addresses.parseV6("2001:db8:1::100"))).isFalse();
        assertThat(Addresses.v6ToString(s.pools().get(1).last())).isEqualTo("2001:db8:1:0:5:ffff:ffff:ffff");
        PdPool6 pd = s.pdPools().get(0);
        assertThat(pd.prefix().toString()).isEqualTo("3000:1::/48");
        assertThat(pd.delegatedLength()).isEqualTo(64);
        assertThat(pd.excludedPrefix().orElseThrow().toString()).isEqualTo("3000:1::/72");
        Reservation6 r = s.reservations().get(0);
        assertThat(r.ipAddresses()).containsExactly(Addresses.parseV6("2001:db8:1::100"));
        assertThat(r.prefixes().get(0).toString()).isEqualTo("3000:2::/64");
        assertThat(c.serverId().orElseThrow().type()).isEqualTo("EN");
        assertThat(c.relaySuppliedOptions()).containsExactly(65, 23);
    }

    @Test
    void refusalsWithKeaWords() {
        assertThatThrownBy(() -> load("\"subnet6\": [ { \"subnet\": \"2001:db8:1::/64\", \"pd-pools\": [ { \"prefix\":"
                + " \"3000::\", \"prefix-len\": 64, \"delegated-len\": 56 } ] } ]"))
                .hasMessageContaining("Delegated length (56) must be longer than or equal to prefix length (64)");
        assertThatThrownBy(() -> load("\"subnet6\": [ { \"subnet\": \"2001:db8:1::/64\", \"pools\": [ { \"pool\":"
                + " \"2001:db8:2::1-2001:db8:2::9\" } ] } ]"))
                .hasMessageContaining("subnet configuration failed: a pool of type IA_NA, with the following address"
                        + " range: 2001:db8:2::1-2001:db8:2::9 does not match the prefix of a subnet: 2001:db8:1::/64");
        assertThatThrownBy(() -> load("\"subnet6\": [ { \"subnet\": \"2001:db8:1::/64\", \"pools\": ["
                + " { \"pool\": \"2001:db8:1::1-2001:db8:1::9\" }, { \"pool\": \"2001:db8:1::5-2001:db8:1::19\" } ] } ]"))
                .hasMessageContaining("overlaps with an existing pool in the subnet: 2001:db8:1::/64");
        assertThatThrownBy(() -> load("\"subnet6\": [ { \"subnet\": \"2001:db8:1::/64\", \"interface\": \"lo\","
                + " \"interface-id\": \"x\" } ]"))
                .hasMessageContaining("cannot be defined at the same time for subnet 2001:db8:1::/64");
        assertThatThrownBy(() -> load("\"interfaces-config\": { \"interfaces\": [], \"dhcp-socket-type\": \"udp\" }"))
                .hasMessageContaining("got unexpected keyword \"dhcp-socket-type\" in interfaces-config map.");
        assertThatThrownBy(() -> load("\"match-client-id\": true"))
                .hasMessageContaining("got unexpected keyword \"match-client-id\" in Dhcp6 map.");
        assertThatThrownBy(() -> load("\"subnet6\": [ { \"subnet\": \"2001:db8:1::/64\", \"reservations\": [ { \"duid\":"
                + " \"01:02\", \"ip-addresses\": [ \"2001:db8:2::1\" ] } ] } ]"))
                .hasMessageContaining("specified reservation '2001:db8:2::1' is not within the IPv6 subnet '2001:db8:1::/64'");
        assertThatThrownBy(() -> load("\"subnet6\": [ { \"subnet\": \"192.0.2.0/24\" } ]"))
                .hasMessageContaining("Failed to convert string to address '192.0.2.0'");
        assertThatThrownBy(() -> load("\"subnet6\": [ { \"subnet\": \"2001:db8::/129\" } ]"))
                .hasMessageContaining("Invalid prefix length specified for subnet: 129");
        assertThatThrownBy(() -> load("\"option-data\": [ { \"name\": \"dns-servers\", \"data\": \"192.0.2.1\" } ]"))
                .hasMessageContaining("option data does not match option definition (space: dhcp6, code: 23)");
        assertThatThrownBy(() -> ConfigLoader.parseDhcp6("{ \"Dhcp4\": {} }", "x.json", Path.of("")))
                .hasMessageContaining("expecting Dhcp6");
    }

    @Test
    void warnsWhenPreferredExceedsValid() throws Exception {
        LoadedConfig<Dhcp6Config> loaded = load("\"preferred-lifetime\": 5000, \"valid-lifetime\": 4000,"
                + " \"subnet6\": [ { \"subnet\": \"2001:db8:1::/64\" } ]");
        assertThat(loaded.warnings()).extracting(ConfigWarning::id).containsExactlyInAnyOrder("NESTOR_CONFIG_PREFERRED_ABOVE_VALID",
                "NESTOR_CONFIG_NO_INTERFACES");
    }

    @Test
    void configCheckForDhcp6() {
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        int rc = ConfigCheck.run(Family.V6, SharedDir.get().resolve("kea-examples/2.2.0/kea6/simple.json"),
                new java.io.PrintStream(new java.io.ByteArrayOutputStream()), new java.io.PrintStream(err));
        assertThat(rc).as(err.toString()).isZero();
        int wrongFamily = ConfigCheck.run(Family.V6, SharedDir.get().resolve("examples/seed-primary.json"),
                new java.io.PrintStream(new java.io.ByteArrayOutputStream()), new java.io.PrintStream(err));
        assertThat(wrongFamily).isEqualTo(1);
        assertThat(err.toString()).contains("expecting Dhcp6");
    }
}
