/** Module nestor-config: see docs/ARCHITECTURE.md. */
package dev.nestor.config;
