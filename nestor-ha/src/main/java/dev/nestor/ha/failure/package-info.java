/**
 * Failure detection between active HA servers (ha-protocol.md §8): {@link dev.nestor.ha.failure.CommunicationState}
 * with an injected clock.
 */
package dev.nestor.ha.failure;
