/** Module nestor-control: see docs/ARCHITECTURE.md. */
package dev.nestor.control;
