/** Module nestor-lease: see docs/ARCHITECTURE.md. */
package dev.nestor.lease;
