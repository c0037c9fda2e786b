/** The validated model of the High Availability hook parameters (ha-protocol.md §2). */
package dev.nestor.config.ha;
