package dev.nestor.wire.option;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Kea 2.2's standard option definitions ({@code std_option_defs.h}, as listed in the team's spec): the {@code dhcp4}
 * and {@code dhcp6} spaces and the encapsulated/vendor spaces Kea predefines. Generated from the spec tables; one
 * table drives packet decoding, config validation and {@code option-data} encoding.
 */
public final class StandardOptions {
    private StandardOptions() {
    }

    private static final OptionSpace DHCP4 = new OptionSpace("dhcp4", List.of(
            new OptionDefinition("subnet-mask", 1, "dhcp4", OptionDataType.IPV4_ADDRESS, false, List.of(), ""),
            new OptionDefinition("time-offset", 2, "dhcp4", OptionDataType.INT32, false, List.of(), ""),
            new OptionDefinition("routers", 3, "dhcp4", OptionDataType.IPV4_ADDRESS, true, List.of(), ""),
            new OptionDefinition("time-servers", 4, "dhcp4", OptionDataType.IPV4_ADDRESS, true, List.of(), ""),
            new OptionDefinition("name-servers", 5, "dhcp4", OptionDataType.IPV4_ADDRESS, true, List.of(), ""),
            new OptionDefinition("domain-name-servers", 6, "dhcp4", OptionDataType.IPV4_ADDRESS, true, List.of(), ""),
            new OptionDefinition("log-servers", 7, "dhcp4", OptionDataType.IPV4_ADDRESS, true, List.of(), ""),
            new OptionDefinition("cookie-servers", 8, "dhcp4", OptionDataType.IPV4_ADDRESS, true, List.of(), ""),
            new OptionDefinition("lpr-servers", 9, "dhcp4", OptionDataType.IPV4_ADDRESS, true, List.of(), ""),
            new OptionDefinition("impress-servers", 10, "dhcp4", OptionDataType.IPV4_ADDRESS, true, List.of(), ""),
            new OptionDefinition("resource-location-servers", 11, "dhcp4", OptionDataType.IPV4_ADDRESS, true, List.of(), ""),
            new OptionDefinition("host-name", 12, "dhcp4", OptionDataType.STRING, false, List.of(), ""),
            new OptionDefinition("boot-size", 13, "dhcp4", OptionDataType.UINT16, false, List.of(), ""),
            new OptionDefinition("merit-dump", 14, "dhcp4", OptionDataType.STRING, false, List.of(), ""),
            new OptionDefinition("domain-name", 15, "dhcp4", OptionDataType.STRING, false, List.of(), ""),
            new OptionDefinition("swap-server", 16, "dhcp4", OptionDataType.IPV4_ADDRESS, false, List.of(), ""),
            new OptionDefinition("root-path", 17, "dhcp4", OptionDataType.STRING, false, List.of(), ""),
            new OptionDefinition("extensions-path", 18, "dhcp4", OptionDataType.STRING, false, List.of(), ""),
            new OptionDefinition("ip-forwarding", 19, "dhcp4", OptionDataType.BOOLEAN, false, List.of(), ""),
            new OptionDefinition("non-local-source-routing", 20, "dhcp4", OptionDataType.BOOLEAN, false, List.of(), ""),
            new OptionDefinition("policy-filter", 21, "dhcp4", OptionDataType.IPV4_ADDRESS, true, List.of(), ""),
            new OptionDefinition("max-dgram-reassembly", 22, "dhcp4", OptionDataType.UINT16, false, List.of(), ""),
            new OptionDefinition("default-ip-ttl", 23, "dhcp4", OptionDataType.UINT8, false, List.of(), ""),
            new OptionDefinition("path-mtu-aging-timeout", 24, "dhcp4", OptionDataType.UINT32, false, List.of(), ""),
            new OptionDefinition("path-mtu-plateau-table", 25, "dhcp4", OptionDataType.UINT16, true, List.of(), ""),
            new OptionDefinition("interface-mtu", 26, "dhcp4", OptionDataType.UINT16, false, List.of(), ""),
            new OptionDefinition("all-subnets-local", 27, "dhcp4", OptionDataType.BOOLEAN, false, List.of(), ""),
            new OptionDefinition("broadcast-address", 28, "dhcp4", OptionDataType.IPV4_ADDRESS, false, List.of(), ""),
            new OptionDefinition("perform-mask-discovery", 29, "dhcp4", OptionDataType.BOOLEAN, false, List.of(), ""),
            new OptionDefinition("mask-supplier", 30, "dhcp4", OptionDataType.BOOLEAN, false, List.of(), ""),
            new OptionDefinition("router-discovery", 31, "dhcp4", OptionDataType.BOOLEAN, false, List.of(), ""),
            new OptionDefinition("router-solicitation-address", 32, "dhcp4", OptionDataType.IPV4_ADDRESS, false, List.of(), ""),
            new OptionDefinition("static-routes", 33, "dhcp4", OptionDataType.IPV4_ADDRESS, true, List.of(), ""),
            new OptionDefinition("trailer-encapsulation", 34, "dhcp4", OptionDataType.BOOLEAN, false, List.of(), ""),
            new OptionDefinition("arp-cache-timeout", 35, "dhcp4", OptionDataType.UINT32, false, List.of(), ""),
            new OptionDefinition("ieee802-3-encapsulation", 36, "dhcp4", OptionDataType.BOOLEAN, false, List.of(), ""),
            new OptionDefinition("default-tcp-ttl", 37, "dhcp4", OptionDataType.UINT8, false, List.of(), ""),
            new OptionDefinition("tcp-keepalive-interval", 38, "dhcp4", OptionDataType.UINT32, false, List.of(), ""),
            new OptionDefinition("tcp-keepalive-garbage", 39, "dhcp4", OptionDataType.BOOLEAN, false, List.of(), ""),
            new OptionDefinition("nis-domain", 40, "dhcp4", OptionDataType.STRING, false, List.of(), ""),
            new OptionDefinition("nis-servers", 41, "dhcp4", OptionDataType.IPV4_ADDRESS, true, List.of(), ""),
            new OptionDefinition("ntp-servers", 42, "dhcp4", OptionDataType.IPV4_ADDRESS, true, List.of(), ""),
            new OptionDefinition("vendor-encapsulated-options", 43, "dhcp4", OptionDataType.EMPTY, false, List.of(), "vendor-encapsulated-options-space"),
            new OptionDefinition("netbios-name-servers", 44, "dhcp4", OptionDataType.IPV4_ADDRESS, true, List.of(), ""),
            new OptionDefinition("netbios-dd-server", 45, "dhcp4", OptionDataType.IPV4_ADDRESS, true, List.of(), ""),
            new OptionDefinition("netbios-node-type", 46, "dhcp4", OptionDataType.UINT8, false, List.of(), ""),
            new OptionDefinition("netbios-scope", 47, "dhcp4", OptionDataType.STRING, false, List.of(), ""),
            new OptionDefinition("font-servers", 48, "dhcp4", OptionDataType.IPV4_ADDRESS, true, List.of(), ""),
            new OptionDefinition("x-display-manager", 49, "dhcp4", OptionDataType.IPV4_ADDRESS, true, List.of(), ""),
            new OptionDefinition("dhcp-requested-address", 50, "dhcp4", OptionDataType.IPV4_ADDRESS, false, List.of(), ""),
            new OptionDefinition("dhcp-lease-time", 51, "dhcp4", OptionDataType.UINT32, false, List.of(), ""),
            new OptionDefinition("dhcp-option-overload", 52, "dhcp4", OptionDataType.UINT8, false, List.of(), ""),
            new OptionDefinition("dhcp-message-type", 53, "dhcp4", OptionDataType.UINT8, false, List.of(), ""),
            new OptionDefinition("dhcp-server-identifier", 54, "dhcp4", OptionDataType.IPV4_ADDRESS, false, List.of(), ""),
            new OptionDefinition("dhcp-parameter-request-list", 55, "dhcp4", OptionDataType.UINT8, true, List.of(), ""),
            new OptionDefinition("dhcp-message", 56, "dhcp4", OptionDataType.STRING, false, List.of(), ""),
            new OptionDefinition("dhcp-max-message-size", 57, "dhcp4", OptionDataType.UINT16, false, List.of(), ""),
            new OptionDefinition("dhcp-renewal-time", 58, "dhcp4", OptionDataType.UINT32, false, List.of(), ""),
            new OptionDefinition("dhcp-rebinding-time", 59, "dhcp4", OptionDataType.UINT32, false, List.of(), ""),
            new OptionDefinition("vendor-class-identifier", 60, "dhcp4", OptionDataType.STRING, false, List.of(), ""),
            new OptionDefinition("dhcp-client-identifier", 61, "dhcp4", OptionDataType.BINARY, false, List.of(), ""),
            new OptionDefinition("nwip-domain-name", 62, "dhcp4", OptionDataType.STRING, false, List.of(), ""),
            new OptionDefinition("nwip-suboptions", 63, "dhcp4", OptionDataType.BINARY, false, List.of(), ""),
            new OptionDefinition("nisplus-domain-name", 64, "dhcp4", OptionDataType.STRING, false, List.of(), ""),
            new OptionDefinition("nisplus-servers", 65, "dhcp4", OptionDataType.IPV4_ADDRESS, true, List.of(), ""),
            new OptionDefinition("tftp-server-name", 66, "dhcp4", OptionDataType.STRING, false, List.of(), ""),
            new OptionDefinition("boot-file-name", 67, "dhcp4", OptionDataType.STRING, false, List.of(), ""),
            new OptionDefinition("mobile-ip-home-agent", 68, "dhcp4", OptionDataType.IPV4_ADDRESS, true, List.of(), ""),
            new OptionDefinition("smtp-server", 69, "dhcp4", OptionDataType.IPV4_ADDRESS, true, List.of(), ""),
            new OptionDefinition("pop-server", 70, "dhcp4", OptionDataType.IPV4_ADDRESS, true, List.of(), ""),
            new OptionDefinition("nntp-server", 71, "dhcp4", OptionDataType.IPV4_ADDRESS, true, List.of(), ""),
            new OptionDefinition("www-server", 72, "dhcp4", OptionDataType.IPV4_ADDRESS, true, List.of(), ""),
            new OptionDefinition("finger-server", 73, "dhcp4", OptionDataType.IPV4_ADDRESS, true, List.of(), ""),
            new OptionDefinition("irc-server", 74, "dhcp4", OptionDataType.IPV4_ADDRESS, true, List.of(), ""),
            new OptionDefinition("streettalk-server", 75, "dhcp4", OptionDataType.IPV4_ADDRESS, true, List.of(), ""),
            new OptionDefinition("streettalk-directory-assistance-server", 76, "dhcp4", OptionDataType.IPV4_ADDRESS, true, List.of(), ""),
            new OptionDefinition("user-class", 77, "dhcp4", OptionDataType.BINARY, false, List.of(), ""),
            new OptionDefinition("slp-directory-agent", 78, "dhcp4", OptionDataType.RECORD, true, List.of(OptionDataType.BOOLEAN, OptionDataType.IPV4_ADDRESS), ""),
            new OptionDefinition("slp-service-scope", 79, "dhcp4", OptionDataType.RECORD, false, List.of(OptionDataType.BOOLEAN, OptionDataType.STRING), ""),
            new OptionDefinition("fqdn", 81, "dhcp4", OptionDataType.RECORD, false, List.of(OptionDataType.UINT8, OptionDataType.UINT8, OptionDataType.UINT8, OptionDataType.FQDN), ""),
            new OptionDefinition("dhcp-agent-options", 82, "dhcp4", OptionDataType.EMPTY, false, List.of(), "dhcp-agent-options-space"),
            new OptionDefinition("nds-servers", 85, "dhcp4", OptionDataType.IPV4_ADDRESS, true, List.of(), ""),
            new OptionDefinition("nds-tree-name", 86, "dhcp4", OptionDataType.STRING, false, List.of(), ""),
            new OptionDefinition("nds-context", 87, "dhcp4", OptionDataType.STRING, false, List.of(), ""),
            new OptionDefinition("bcms-controller-names", 88, "dhcp4", OptionDataType.FQDN, true, List.of(), ""),
            new OptionDefinition("bcms-controller-address", 89, "dhcp4", OptionDataType.IPV4_ADDRESS, true, List.of(), ""),
            new OptionDefinition("authenticate", 90, "dhcp4", OptionDataType.BINARY, false, List.of(), ""),
            new OptionDefinition("client-last-transaction-time", 91, "dhcp4", OptionDataType.UINT32, false, List.of(), ""),
            new OptionDefinition("associated-ip", 92, "dhcp4", OptionDataType.IPV4_ADDRESS, true, List.of(), ""),
            new OptionDefinition("client-system", 93, "dhcp4", OptionDataType.UINT16, true, List.of(), ""),
            new OptionDefinition("client-ndi", 94, "dhcp4", OptionDataType.RECORD, false, List.of(OptionDataType.UINT8, OptionDataType.UINT8, OptionDataType.UINT8), ""),
            new OptionDefinition("uuid-guid", 97, "dhcp4", OptionDataType.RECORD, false, List.of(OptionDataType.UINT8, OptionDataType.BINARY), ""),
            new OptionDefinition("uap-servers", 98, "dhcp4", OptionDataType.STRING, false, List.of(), ""),
            new OptionDefinition("geoconf-civic", 99, "dhcp4", OptionDataType.BINARY, false, List.of(), ""),
            new OptionDefinition("pcode", 100, "dhcp4", OptionDataType.STRING, false, List.of(), ""),
            new OptionDefinition("tcode", 101, "dhcp4", OptionDataType.STRING, false, List.of(), ""),
            new OptionDefinition("v6-only-preferred", 108, "dhcp4", OptionDataType.UINT32, false, List.of(), ""),
            new OptionDefinition("netinfo-server-address", 112, "dhcp4", OptionDataType.IPV4_ADDRESS, true, List.of(), ""),
            new OptionDefinition("netinfo-server-tag", 113, "dhcp4", OptionDataType.STRING, false, List.of(), ""),
            new OptionDefinition("v4-captive-portal", 114, "dhcp4", OptionDataType.STRING, false, List.of(), ""),
            new OptionDefinition("auto-config", 116, "dhcp4", OptionDataType.UINT8, false, List.of(), ""),
            new OptionDefinition("name-service-search", 117, "dhcp4", OptionDataType.UINT16, true, List.of(), ""),
            new OptionDefinition("subnet-selection", 118, "dhcp4", OptionDataType.IPV4_ADDRESS, false, List.of(), ""),
            new OptionDefinition("domain-search", 119, "dhcp4", OptionDataType.FQDN, true, List.of(), ""),
            new OptionDefinition("vivco-suboptions", 124, "dhcp4", OptionDataType.RECORD, false, List.of(OptionDataType.UINT32, OptionDataType.BINARY), ""),
            new OptionDefinition("vivso-suboptions", 125, "dhcp4", OptionDataType.UINT32, false, List.of(), ""),
            new OptionDefinition("pana-agent", 136, "dhcp4", OptionDataType.IPV4_ADDRESS, true, List.of(), ""),
            new OptionDefinition("v4-lost", 137, "dhcp4", OptionDataType.FQDN, false, List.of(), ""),
            new OptionDefinition("capwap-ac-v4", 138, "dhcp4", OptionDataType.IPV4_ADDRESS, true, List.of(), ""),
            new OptionDefinition("sip-ua-cs-domains", 141, "dhcp4", OptionDataType.FQDN, true, List.of(), ""),
            new OptionDefinition("rdnss-selection", 146, "dhcp4", OptionDataType.RECORD, true, List.of(OptionDataType.UINT8, OptionDataType.IPV4_ADDRESS, OptionDataType.IPV4_ADDRESS, OptionDataType.FQDN), ""),
            new OptionDefinition("v4-portparams", 159, "dhcp4", OptionDataType.RECORD, false, List.of(OptionDataType.UINT8, OptionDataType.PSID), ""),
            new OptionDefinition("option-6rd", 212, "dhcp4", OptionDataType.RECORD, true, List.of(OptionDataType.UINT8, OptionDataType.UINT8, OptionDataType.IPV6_ADDRESS, OptionDataType.IPV4_ADDRESS), ""),
            new OptionDefinition("v4-access-domain", 213, "dhcp4", OptionDataType.FQDN, false, List.of(), "")));
    private static final OptionSpace DHCP6 = new OptionSpace("dhcp6", List.of(
            new OptionDefinition("clientid", 1, "dhcp6", OptionDataType.BINARY, false, List.of(), ""),
            new OptionDefinition("serverid", 2, "dhcp6", OptionDataType.BINARY, false, List.of(), ""),
            new OptionDefinition("ia-na", 3, "dhcp6", OptionDataType.RECORD, false, List.of(OptionDataType.UINT32, OptionDataType.UINT32, OptionDataType.UINT32), "dhcp6"),
            new OptionDefinition("ia-ta", 4, "dhcp6", OptionDataType.UINT32, false, List.of(), "dhcp6"),
            new OptionDefinition("iaaddr", 5, "dhcp6", OptionDataType.RECORD, false, List.of(OptionDataType.IPV6_ADDRESS, OptionDataType.UINT32, OptionDataType.UINT32), "dhcp6"),
            new OptionDefinition("oro", 6, "dhcp6", OptionDataType.UINT16, true, List.of(), ""),
            new OptionDefinition("preference", 7, "dhcp6", OptionDataType.UINT8, false, List.of(), ""),
            new OptionDefinition("elapsed-time", 8, "dhcp6", OptionDataType.UINT16, false, List.of(), ""),
            new OptionDefinition("relay-msg", 9, "dhcp6", OptionDataType.BINARY, false, List.of(), ""),
            new OptionDefinition("auth", 11, "dhcp6", OptionDataType.BINARY, false, List.of(), ""),
            new OptionDefinition("unicast", 12, "dhcp6", OptionDataType.IPV6_ADDRESS, false, List.of(), ""),
            new OptionDefinition("status-code", 13, "dhcp6", OptionDataType.RECORD, false, List.of(OptionDataType.UINT16, OptionDataType.STRING), ""),
            new OptionDefinition("rapid-commit", 14, "dhcp6", OptionDataType.EMPTY, false, List.of(), ""),
            new OptionDefinition("user-class", 15, "dhcp6", OptionDataType.BINARY, false, List.of(), ""),
            new OptionDefinition("vendor-class", 16, "dhcp6", OptionDataType.RECORD, false, List.of(OptionDataType.UINT32, OptionDataType.BINARY), ""),
            new OptionDefinition("vendor-opts", 17, "dhcp6", OptionDataType.UINT32, false, List.of(), ""),
            new OptionDefinition("interface-id", 18, "dhcp6", OptionDataType.BINARY, false, List.of(), ""),
            new OptionDefinition("reconf-msg", 19, "dhcp6", OptionDataType.UINT8, false, List.of(), ""),
            new OptionDefinition("reconf-accept", 20, "dhcp6", OptionDataType.EMPTY, false, List.of(), ""),
            new OptionDefinition("sip-server-dns", 21, "dhcp6", OptionDataType.FQDN, true, List.of(), ""),
            new OptionDefinition("sip-server-addr", 22, "dhcp6", OptionDataType.IPV6_ADDRESS, true, List.of(), ""),
            new OptionDefinition("dns-servers", 23, "dhcp6", OptionDataType.IPV6_ADDRESS, true, List.of(), ""),
            new OptionDefinition("domain-search", 24, "dhcp6", OptionDataType.FQDN, true, List.of(), ""),
            new OptionDefinition("ia-pd", 25, "dhcp6", OptionDataType.RECORD, false, List.of(OptionDataType.UINT32, OptionDataType.UINT32, OptionDataType.UINT32), "dhcp6"),
            new OptionDefinition("iaprefix", 26, "dhcp6", OptionDataType.RECORD, false, List.of(OptionDataType.UINT32, OptionDataType.UINT32, OptionDataType.UINT8, OptionDataType.IPV6_ADDRESS), "dhcp6"),
            new OptionDefinition("nis-servers", 27, "dhcp6", OptionDataType.IPV6_ADDRESS, true, List.of(), ""),
            new OptionDefinition("nisp-servers", 28, "dhcp6", OptionDataType.IPV6_ADDRESS, true, List.of(), ""),
            new OptionDefinition("nis-domain-name", 29, "dhcp6", OptionDataType.FQDN, true, List.of(), ""),
            new OptionDefinition("nisp-domain-name", 30, "dhcp6", OptionDataType.FQDN, true, List.of(), ""),
            new OptionDefinition("sntp-servers", 31, "dhcp6", OptionDataType.IPV6_ADDRESS, true, List.of(), ""),
            new OptionDefinition("information-refresh-time", 32, "dhcp6", OptionDataType.UINT32, false, List.of(), ""),
            new OptionDefinition("bcmcs-server-dns", 33, "dhcp6", OptionDataType.FQDN, true, List.of(), ""),
            new OptionDefinition("bcmcs-server-addr", 34, "dhcp6", OptionDataType.IPV6_ADDRESS, true, List.of(), ""),
            new OptionDefinition("geoconf-civic", 36, "dhcp6", OptionDataType.RECORD, false, List.of(OptionDataType.UINT8, OptionDataType.UINT16, OptionDataType.BINARY), ""),
            new OptionDefinition("remote-id", 37, "dhcp6", OptionDataType.RECORD, false, List.of(OptionDataType.UINT32, OptionDataType.BINARY), ""),
            new OptionDefinition("subscriber-id", 38, "dhcp6", OptionDataType.BINARY, false, List.of(), ""),
            new OptionDefinition("client-fqdn", 39, "dhcp6", OptionDataType.RECORD, false, List.of(OptionDataType.UINT8, OptionDataType.FQDN), ""),
            new OptionDefinition("pana-agent", 40, "dhcp6", OptionDataType.IPV6_ADDRESS, true, List.of(), ""),
            new OptionDefinition("new-posix-timezone", 41, "dhcp6", OptionDataType.STRING, false, List.of(), ""),
            new OptionDefinition("new-tzdb-timezone", 42, "dhcp6", OptionDataType.STRING, false, List.of(), ""),
            new OptionDefinition("ero", 43, "dhcp6", OptionDataType.UINT16, true, List.of(), ""),
            new OptionDefinition("lq-query", 44, "dhcp6", OptionDataType.RECORD, false, List.of(OptionDataType.UINT8, OptionDataType.IPV6_ADDRESS), "dhcp6"),
            new OptionDefinition("client-data", 45, "dhcp6", OptionDataType.EMPTY, false, List.of(), "dhcp6"),
            new OptionDefinition("clt-time", 46, "dhcp6", OptionDataType.UINT32, false, List.of(), ""),
            new OptionDefinition("lq-relay-data", 47, "dhcp6", OptionDataType.RECORD, false, List.of(OptionDataType.IPV6_ADDRESS, OptionDataType.BINARY), ""),
            new OptionDefinition("lq-client-link", 48, "dhcp6", OptionDataType.IPV6_ADDRESS, true, List.of(), ""),
            new OptionDefinition("v6-lost", 51, "dhcp6", OptionDataType.FQDN, false, List.of(), ""),
            new OptionDefinition("capwap-ac-v6", 52, "dhcp6", OptionDataType.IPV6_ADDRESS, true, List.of(), ""),
            new OptionDefinition("relay-id", 53, "dhcp6", OptionDataType.BINARY, false, List.of(), ""),
            new OptionDefinition("v6-access-domain", 57, "dhcp6", OptionDataType.FQDN, false, List.of(), ""),
            new OptionDefinition("sip-ua-cs-list", 58, "dhcp6", OptionDataType.FQDN, true, List.of(), ""),
            new OptionDefinition("bootfile-url", 59, "dhcp6", OptionDataType.STRING, false, List.of(), ""),
            new OptionDefinition("bootfile-param", 60, "dhcp6", OptionDataType.TUPLE, true, List.of(), ""),
            new OptionDefinition("client-arch-type", 61, "dhcp6", OptionDataType.UINT16, true, List.of(), ""),
            new OptionDefinition("nii", 62, "dhcp6", OptionDataType.RECORD, false, List.of(OptionDataType.UINT8, OptionDataType.UINT8, OptionDataType.UINT8), ""),
            new OptionDefinition("aftr-name", 64, "dhcp6", OptionDataType.FQDN, false, List.of(), ""),
            new OptionDefinition("erp-local-domain-name", 65, "dhcp6", OptionDataType.FQDN, false, List.of(), ""),
            new OptionDefinition("rsoo", 66, "dhcp6", OptionDataType.EMPTY, false, List.of(), "rsoo-opts"),
            new OptionDefinition("pd-exclude", 67, "dhcp6", OptionDataType.IPV6_PREFIX, false, List.of(), ""),
            new OptionDefinition("rdnss-selection", 74, "dhcp6", OptionDataType.RECORD, true, List.of(OptionDataType.IPV6_ADDRESS, OptionDataType.UINT8, OptionDataType.FQDN), ""),
            new OptionDefinition("client-linklayer-addr", 79, "dhcp6", OptionDataType.BINARY, false, List.of(), ""),
            new OptionDefinition("link-address", 80, "dhcp6", OptionDataType.IPV6_ADDRESS, false, List.of(), ""),
            new OptionDefinition("solmax-rt", 82, "dhcp6", OptionDataType.UINT32, false, List.of(), ""),
            new OptionDefinition("inf-max-rt", 83, "dhcp6", OptionDataType.UINT32, false, List.of(), ""),
            new OptionDefinition("dhcpv4-message", 87, "dhcp6", OptionDataType.BINARY, false, List.of(), ""),
            new OptionDefinition("dhcp4o6-server-addr", 88, "dhcp6", OptionDataType.IPV6_ADDRESS, true, List.of(), ""),
            new OptionDefinition("s46-cont-mape", 94, "dhcp6", OptionDataType.EMPTY, false, List.of(), "s46-cont-mape-options"),
            new OptionDefinition("s46-cont-mapt", 95, "dhcp6", OptionDataType.EMPTY, false, List.of(), "s46-cont-mapt-options"),
            new OptionDefinition("s46-cont-lw", 96, "dhcp6", OptionDataType.EMPTY, false, List.of(), "s46-cont-lw-options"),
            new OptionDefinition("v6-captive-portal", 103, "dhcp6", OptionDataType.STRING, false, List.of(), ""),
            new OptionDefinition("relay-source-port", 135, "dhcp6", OptionDataType.UINT16, false, List.of(), ""),
            new OptionDefinition("ipv6-address-andsf", 143, "dhcp6", OptionDataType.IPV6_ADDRESS, true, List.of(), "")));
    private static final OptionSpace V4_VENDOR_4491 = new OptionSpace("vendor-4491", List.of(
            new OptionDefinition("oro", 1, "vendor-4491", OptionDataType.UINT8, true, List.of(), ""),
            new OptionDefinition("tftp-servers", 2, "vendor-4491", OptionDataType.IPV4_ADDRESS, true, List.of(), "")));
    private static final OptionSpace V4_VENDOR_ENCAPSULATED_OPTIONS_SPACE = new OptionSpace("vendor-encapsulated-options-space", List.of());
    private static final OptionSpace V4_DHCP_AGENT_OPTIONS_SPACE = new OptionSpace("dhcp-agent-options-space", List.of());
    private static final OptionSpace V6_VENDOR_4491 = new OptionSpace("vendor-4491", List.of(
            new OptionDefinition("oro", 1, "vendor-4491", OptionDataType.UINT16, true, List.of(), ""),
            new OptionDefinition("tftp-servers", 32, "vendor-4491", OptionDataType.IPV6_ADDRESS, true, List.of(), ""),
            new OptionDefinition("config-file", 33, "vendor-4491", OptionDataType.STRING, false, List.of(), ""),
            new OptionDefinition("syslog-servers", 34, "vendor-4491", OptionDataType.IPV6_ADDRESS, true, List.of(), ""),
            new OptionDefinition("device-id", 36, "vendor-4491", OptionDataType.BINARY, false, List.of(), ""),
            new OptionDefinition("time-servers", 37, "vendor-4491", OptionDataType.IPV6_ADDRESS, true, List.of(), ""),
            new OptionDefinition("time-offset", 38, "vendor-4491", OptionDataType.INT32, false, List.of(), ""),
            new OptionDefinition("cmts-cm-mac", 1026, "vendor-4491", OptionDataType.BINARY, false, List.of(), "")));
    private static final OptionSpace V6_S46_CONT_MAPE_OPTIONS = new OptionSpace("s46-cont-mape-options", List.of(
            new OptionDefinition("s46-rule", 89, "s46-cont-mape-options", OptionDataType.RECORD, false, List.of(OptionDataType.UINT8, OptionDataType.UINT8, OptionDataType.UINT8, OptionDataType.IPV4_ADDRESS, OptionDataType.IPV6_PREFIX), "s46-rule-options"),
            new OptionDefinition("s46-br", 90, "s46-cont-mape-options", OptionDataType.IPV6_ADDRESS, false, List.of(), "")));
    private static final OptionSpace V6_S46_CONT_MAPT_OPTIONS = new OptionSpace("s46-cont-mapt-options", List.of(
            new OptionDefinition("s46-rule", 89, "s46-cont-mapt-options", OptionDataType.RECORD, false, List.of(OptionDataType.UINT8, OptionDataType.UINT8, OptionDataType.UINT8, OptionDataType.IPV4_ADDRESS, OptionDataType.IPV6_PREFIX), "s46-rule-options"),
            new OptionDefinition("s46-dmr", 91, "s46-cont-mapt-options", OptionDataType.IPV6_PREFIX, false, List.of(), "")));
    private static final OptionSpace V6_S46_CONT_LW_OPTIONS = new OptionSpace("s46-cont-lw-options", List.of(
            new OptionDefinition("s46-br", 90, "s46-cont-lw-options", OptionDataType.IPV6_ADDRESS, false, List.of(), ""),
            new OptionDefinition("s46-v4v6bind", 92, "s46-cont-lw-options", OptionDataType.RECORD, false, List.of(OptionDataType.IPV4_ADDRESS, OptionDataType.IPV6_PREFIX), "s46-v4v6bind-options")));
    private static final OptionSpace V6_S46_RULE_OPTIONS = new OptionSpace("s46-rule-options", List.of(
            new OptionDefinition("s46-portparams", 93, "s46-rule-options", OptionDataType.RECORD, false, List.of(OptionDataType.UINT8, OptionDataType.PSID), "")));
    private static final OptionSpace V6_S46_V4V6BIND_OPTIONS = new OptionSpace("s46-v4v6bind-options", List.of(
            new OptionDefinition("s46-portparams", 93, "s46-v4v6bind-options", OptionDataType.RECORD, false, List.of(OptionDataType.UINT8, OptionDataType.PSID), "")));
    private static final OptionSpace V6_4O6 = new OptionSpace("4o6", List.of(
            new OptionDefinition("4o6-interface", 60000, "4o6", OptionDataType.STRING, false, List.of(), ""),
            new OptionDefinition("4o6-source-address", 60001, "4o6", OptionDataType.IPV6_ADDRESS, false, List.of(), ""),
            new OptionDefinition("4o6-source-port", 60002, "4o6", OptionDataType.UINT16, false, List.of(), "")));
    private static final OptionSpace V6_RSOO_OPTS = new OptionSpace("rsoo-opts", List.of());

    private static final Map<String, OptionSpace> V4_SPACES = Map.of("dhcp4", DHCP4, "vendor-4491", V4_VENDOR_4491, "vendor-encapsulated-options-space", V4_VENDOR_ENCAPSULATED_OPTIONS_SPACE, "dhcp-agent-options-space", V4_DHCP_AGENT_OPTIONS_SPACE);
    private static final Map<String, OptionSpace> V6_SPACES = Map.of("dhcp6", DHCP6, "vendor-4491", V6_VENDOR_4491, "s46-cont-mape-options", V6_S46_CONT_MAPE_OPTIONS, "s46-cont-mapt-options", V6_S46_CONT_MAPT_OPTIONS, "s46-cont-lw-options", V6_S46_CONT_LW_OPTIONS, "s46-rule-options", V6_S46_RULE_OPTIONS, "s46-v4v6bind-options", V6_S46_V4V6BIND_OPTIONS, "4o6", V6_4O6, "rsoo-opts", V6_RSOO_OPTS);

    /** Space {@code dhcp4}: the DHCPv4 options Kea 2.2 knows by name. */
    public static OptionSpace dhcp4() {
        return DHCP4;
    }

    /** Space {@code dhcp6}: the DHCPv6 options Kea 2.2 knows by name. */
    public static OptionSpace dhcp6() {
        return DHCP6;
    }

    /**
     * A predefined DHCPv4 space by name: {@code dhcp4}, {@code vendor-4491}, and the (empty in 2.2)
     * {@code vendor-encapsulated-options-space} and {@code dhcp-agent-options-space}.
     */
    public static Optional<OptionSpace> v4Space(String name) {
        return Optional.ofNullable(V4_SPACES.get(name));
    }

    /**
     * A predefined DHCPv6 space by name: {@code dhcp6}, {@code vendor-4491}, the S46 spaces, {@code 4o6} and
     * {@code rsoo-opts}.
     */
    public static Optional<OptionSpace> v6Space(String name) {
        return Optional.ofNullable(V6_SPACES.get(name));
    }

    /** Names of all predefined DHCPv4 spaces. */
    public static java.util.Set<String> v4SpaceNames() {
        return V4_SPACES.keySet();
    }

    /** Names of all predefined DHCPv6 spaces. */
    public static java.util.Set<String> v6SpaceNames() {
        return V6_SPACES.keySet();
    }
}
