/**
 * DHCPv4: {@link dev.nestor.wire.v4.Dhcp4Packet} (immutable header + ordered options, typed getters, builders) and
 * {@link dev.nestor.wire.v4.Dhcp4Codec} (bytes to a sealed {@link dev.nestor.wire.v4.Dhcp4DecodeResult} and back).
 * Hot path: options are code + byte[]; typed values are computed on demand; no exceptions for malformed input.
 */
package dev.nestor.wire.v4;
