/**
 * Kea configuration files to validated, immutable models.
 *
 * <p>Entry points: {@link dev.nestor.config.ConfigLoader} ({@code loadDhcp4}/{@code loadDhcp6} from a file,
 * {@code parseDhcp4}/{@code parseDhcp6} from text, {@code fromJsonDhcp4}/{@code fromJsonDhcp6} from a parsed
 * {@code config-set} argument) returning a {@link dev.nestor.config.LoadedConfig} (model, raw JSON, warnings, keys
 * accepted but not acted on), or a {@link dev.nestor.config.ConfigException} with file, line, column, key path and
 * Kea's wording; and {@link dev.nestor.config.ConfigCheck#run} for {@code nestor dhcp4 -t}.
 *
 * <p>Decisions:
 * <ul>
 *   <li><b>Interface existence</b> is not checked at load or at {@code -t} (Kea checks it at {@code -t}): the seed
 *   configurations name {@code enp0s8}, and a file must be checkable on a machine other than the server. The server
 *   calls {@link dev.nestor.config.InterfaceCheck} when it starts and opens sockets; that reports Kea's messages.</li>
 *   <li><b>Unsupported features are refused, never ignored</b>: SQL lease and host databases, the configuration
 *   backend, DHCPv4-over-DHCPv6, DNS updates ({@code dhcp-ddns.enable-updates: true}), https control sockets, and
 *   every hook library except {@code libdhcp_ha.so} and {@code libdhcp_lease_cmds.so} (recognised by file name in any
 *   directory). Keys that only matter to those features (e.g. {@code ddns-*}) are type-checked and listed in
 *   {@link dev.nestor.config.LoadedConfig#notActedOn()}.</li>
 *   <li><b>Inheritance is resolved at load</b>: each subnet carries its effective values; options keep Kea's order
 *   (host, pool, subnet+network, classes, global), so subnets hold subnet-over-network options and the global list is
 *   separate.</li>
 *   <li>Client-class {@code test} expressions are checked for syntax ({@link dev.nestor.config.ClassExpression});
 *   evaluating them is the server's job.</li>
 *   <li>Newer Kea spellings are accepted where they mean the same ({@code control-sockets}, pool
 *   {@code client-classes}, logger {@code output-options}, several HA relationships).</li>
 * </ul>
 */
package dev.nestor.config;
