package dev.nestor.ha.runtime;

import dev.nestor.ha.message.HaLease4;
import dev.nestor.ha.service.LocalLeases4;
import dev.nestor.json.JsonObject;
import dev.nestor.json.JsonParseException;
import dev.nestor.json.JsonParser;
import dev.nestor.json.JsonWriter;
import dev.nestor.lease.Identifier;
import dev.nestor.lease.Lease4;
import dev.nestor.lease.LeaseState;
import dev.nestor.lease.LeaseStoreException;
import dev.nestor.server.engine.LeaseEngine;

import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;

/**
 * The HA service's view of a running server's DHCPv4 leases: reads from the store, writes through the
 * {@link LeaseEngine} so that the pools' free-address indexes and the address counters stay in step.
 * A store failure surfaces as {@link LeaseWriteException} (the HA thread logs it and the peer gets result 1).
 */
final class EngineLeases4 implements LocalLeases4 {

    private final LeaseEngine engine;

    EngineLeases4(LeaseEngine engine) {
        this.engine = engine;
    }

    @Override
    public Optional<HaLease4> get(int address) {
        return engine.store().get(address).map(EngineLeases4::toHa);
    }

    @Override
    public void put(HaLease4 lease) {
        Lease4 converted = fromHa(lease);
        try {
            if (!engine.updateLease(converted)) {
                if (!engine.addLease(converted)) {
                    // added by a DHCP worker between the two calls: replace it
                    engine.updateLease(converted);
                }
            }
        } catch (LeaseStoreException e) {
            throw new LeaseWriteException("lease " + lease.addressText() + " not stored: " + e.getMessage(), e);
        }
    }

    @Override
    public boolean delete(int address) {
        try {
            return engine.deleteLease(address).isPresent();
        } catch (LeaseStoreException e) {
            throw new LeaseWriteException("lease " + Lease4.addressText(address) + " not deleted: " + e.getMessage(),
                    e);
        }
    }

    @Override
    public List<HaLease4> page(long fromExclusive, int limit) {
        // 0.0.0.0 is never leased, so "after 0.0.0.0" is the start
        int after = fromExclusive < 0 ? 0 : (int) fromExclusive;
        return engine.store().getPage(after, limit).stream().map(EngineLeases4::toHa).toList();
    }

    /** The engine's lease as HA sends it. */
    static HaLease4 toHa(Lease4 lease) {
        Optional<JsonObject> context = Optional.empty();
        if (!lease.userContext().isEmpty()) {
            try {
                if (JsonParser.parseStrict(lease.userContext(), "<user-context>") instanceof JsonObject map) {
                    context = Optional.of(map);
                }
            } catch (JsonParseException e) {
                // a context the store could not have accepted; send the lease without it
                context = Optional.empty();
            }
        }
        return new HaLease4(lease.address(), lease.subnetId(), lease.hardwareAddress().toByteArray(),
                lease.clientId().toByteArray(), lease.cltt(), lease.validLifetime(), lease.fqdnForward(),
                lease.fqdnReverse(), lease.hostname(), lease.state().code(), context);
    }

    /** A lease received from the partner as the engine stores it. */
    static Lease4 fromHa(HaLease4 lease) {
        return Lease4.builder(lease.address())
                .hardwareAddress(Identifier.of(lease.hardwareAddress()))
                .clientId(Identifier.of(lease.clientId()))
                .validLifetime(lease.validLifetime())
                .cltt(lease.cltt())
                .subnetId(lease.subnetId())
                .fqdnForward(lease.fqdnForward())
                .fqdnReverse(lease.fqdnReverse())
                .hostname(lease.hostname())
                .state(LeaseState.ofCode(lease.state()))
                .userContext(lease.userContext().map(JsonWriter::compact).orElse(""))
                .build();
    }

    /** A lease write the store refused. */
    static final class LeaseWriteException extends UncheckedIOException {
        LeaseWriteException(String message, LeaseStoreException cause) {
            super(message, new java.io.IOException(cause));
        }
    }
}
