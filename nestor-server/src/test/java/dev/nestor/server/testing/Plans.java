package dev.nestor.server.testing;

import dev.nestor.server.engine.EnginePlan;
import dev.nestor.server.engine.LeaseParameters;
import dev.nestor.server.engine.OptionSet;
import dev.nestor.server.engine.PoolPlan;
import dev.nestor.server.engine.SubnetPlan;
import java.util.List;

/** Small engine plans for tests. */
public final class Plans {
    private Plans() {
    }

    /** Options: routers 10.0.0.1, domain-name-servers 10.0.0.2, domain-name "example.org". */
    public static OptionSet standardOptions() {
        return OptionSet.builder().add(3, TestClient.bytes(TestClient.ip("10.0.0.1")), false)
                .add(6, TestClient.bytes(TestClient.ip("10.0.0.2")), false)
                .add(15, "example.org".getBytes(java.nio.charset.StandardCharsets.US_ASCII), false).build();
    }

    /** Subnet 1, 10.0.0.0/8, pool {@code first}-{@code last}, relayed from 127.0.0.1. */
    public static SubnetPlan subnet(String first, String last, LeaseParameters parameters) {
        OptionSet options = standardOptions();
        PoolPlan pool = new PoolPlan(TestClient.ip(first), TestClient.ip(last), 0, options);
        return new SubnetPlan(1, TestClient.ip("10.0.0.0"), 8, List.of(pool), new int[]{TestClient.ip("127.0.0.1")},
                null, null, parameters, options, 0, new byte[0], new byte[0]);
    }

    /** A plan with that one subnet. */
    public static EnginePlan plan(SubnetPlan subnet, long declineProbation) {
        return new EnginePlan(List.of(subnet), List.of(), standardOptions(), new int[0], true, declineProbation,
                EnginePlan.ReclaimSettings.defaults());
    }

    /** Lifetime 4000, T1/T2 calculated. */
    public static LeaseParameters parameters() {
        return new LeaseParameters(4000, 4000, 4000, -1, -1, true, 0.5, 0.875, Double.NaN, -1, true, false);
    }
}
