package dev.nestor.control.engine;

/** Runs the engine's expired-lease reclamation now ({@code leases-reclaim}). */
@FunctionalInterface
public interface LeaseReclamation {

    /**
     * Reclaims every expired lease.
     *
     * @param remove true: delete reclaimed leases; false: keep them in state expired-reclaimed
     * @throws Exception when reclamation failed; its message becomes the command's error text
     */
    void reclaimAll(boolean remove) throws Exception;
}
