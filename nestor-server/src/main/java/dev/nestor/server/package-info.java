/** Module nestor-server: see docs/ARCHITECTURE.md. */
package dev.nestor.server;
