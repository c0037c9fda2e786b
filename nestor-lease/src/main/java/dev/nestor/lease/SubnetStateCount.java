package dev.nestor.lease;

/**
 * How many leases of one subnet are in one state (for statistics such as {@code subnet[id].assigned-addresses}).
 *
 * @param subnetId subnet id
 * @param state    lease state
 * @param count    number of leases, at least 1
 */
public record SubnetStateCount(long subnetId, LeaseState state, long count) {
}
