/** Module nestor-json: see docs/ARCHITECTURE.md. */
package dev.nestor.json;
