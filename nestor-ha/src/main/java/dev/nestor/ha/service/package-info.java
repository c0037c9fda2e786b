/**
 * The HA service core ({@link dev.nestor.ha.service.HaService}) and the interfaces that bind it to the rest of the
 * server: {@link dev.nestor.ha.service.PartnerClient} (HTTP to the partner), {@link dev.nestor.ha.service.HaScheduler}
 * (timers on the HA thread), {@link dev.nestor.ha.service.LocalLeases4} (the lease store) and
 * {@link dev.nestor.ha.service.ParkedQuery} (a held client response).
 */
package dev.nestor.ha.service;
