/**
 * The HA log catalogue ({@link dev.nestor.ha.log.HaLogId}: Kea's IDs, severities, templates) and the
 * {@link dev.nestor.ha.log.HaLog} sink the HA code logs through.
 */
package dev.nestor.ha.log;
