/** Module nestor-wire: see docs/ARCHITECTURE.md. */
package dev.nestor.wire;
