/**
 * Kea-compatible High Availability (ha-protocol.md): {@link dev.nestor.ha.HaSettings} (one relationship's checked
 * parameters, built from nestor-config's model), and the packages below.
 * <ul>
 *   <li>{@code state}: Kea's states, the state machine with its whole transition table
 *       ({@link dev.nestor.ha.state.HaStateMachine});</li>
 *   <li>{@code failure}: the communication-failure detector (heartbeat contact, max-response-delay, unacked
 *       clients);</li>
 *   <li>{@code message}: the peer commands and answers exactly as Kea 2.2 sends and accepts them;</li>
 *   <li>{@code log}: the catalogue of Kea message IDs the HA service logs;</li>
 *   <li>{@code service}: the HA service core, reaching the engine, the HTTP transport and timers only through its
 *       own small interfaces.</li>
 * </ul>
 */
package dev.nestor.ha;
