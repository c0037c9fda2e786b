/**
 * Kea's HA states ({@link dev.nestor.ha.state.HaState}, exact names), modes and roles, and the one class that makes
 * every transition, {@link dev.nestor.ha.state.HaStateMachine}, whose Javadoc holds the whole table. Its inputs are
 * a {@link dev.nestor.ha.state.PartnerView} per run, administrative commands, and the synchronous partner requests
 * of {@link dev.nestor.ha.state.PartnerOperations}; its outputs are the served scopes, the local DHCP service flag,
 * the {@link dev.nestor.ha.state.PartnerUpdatePolicy} and log messages.
 */
package dev.nestor.ha.state;
