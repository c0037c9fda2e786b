/** Module nestor-tools: see docs/ARCHITECTURE.md. */
package dev.nestor.tools;
