package dev.nestor.server.hooks;

import dev.nestor.server.dhcp4.Query;

/**
 * Kea's {@code buffer4_receive}/{@code pkt4_receive} hook point, as HA uses it: decides, right after a packet has
 * been parsed and counted, whether this server answers it. Called on worker threads, concurrently; must be fast
 * and must not block. An implementation that wants to observe unanswered clients (HA's unacked-client analysis)
 * does so inside this call and returns {@link Admission#DROP}.
 */
@FunctionalInterface
public interface PacketAdmission {
    /** Admits everything: the default when no HA service is plugged in. */
    PacketAdmission ANSWER_ALL = query -> Admission.ANSWER;

    /** The decision for {@code query}. */
    Admission admit(Query query);
}
