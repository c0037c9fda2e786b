/**
 * What the control commands need from the running server, as small interfaces the engine (or the
 * application wiring) implements: the DHCP service switch, lease reclamation, status, and the
 * configuration lifecycle. Kept here, on the control side, so control can be built and tested while
 * the engine's own facade evolves; an adapter per interface connects the two.
 */
package dev.nestor.control.engine;
