/**
 * Module nestor-wire: DHCPv4/DHCPv6 packets, options, the standard option tables and codecs. No sockets, no threads,
 * no dependencies. Sub-packages: {@code option} (tables and option data), {@code v4}, {@code v6}; this package holds
 * what both codecs share ({@link dev.nestor.wire.DecodeNote}).
 */
package dev.nestor.wire;
