/** Module nestor-ha: Kea-compatible High Availability (see docs/ARCHITECTURE.md). */
package dev.nestor.ha;
