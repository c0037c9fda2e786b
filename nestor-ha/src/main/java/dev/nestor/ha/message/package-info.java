/**
 * The peer-to-peer commands of Kea's HA (ha-protocol.md §11) as values with builders and parsers over nestor-json:
 * {@link dev.nestor.ha.message.PeerCommand}, {@link dev.nestor.ha.message.PeerAnswer},
 * {@link dev.nestor.ha.message.HeartbeatStatus}, {@link dev.nestor.ha.message.LeasePage} and the lease forms
 * {@link dev.nestor.ha.message.HaLease4} / {@link dev.nestor.ha.message.HaLease6}. No transport here.
 */
package dev.nestor.ha.message;
