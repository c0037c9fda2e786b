/**
 * DHCPv6: {@link dev.nestor.wire.v6.Dhcp6Message} is either a client/server {@link dev.nestor.wire.v6.Dhcp6Packet}
 * or a {@link dev.nestor.wire.v6.Dhcp6RelayMessage} wrapping another message; IA_NA/IA_TA/IA_PD with IAADDR/IAPREFIX,
 * status codes and DUIDs have typed views. {@link dev.nestor.wire.v6.Dhcp6Codec} decodes to a sealed
 * {@link dev.nestor.wire.v6.Dhcp6DecodeResult}.
 */
package dev.nestor.wire.v6;
