package dev.nestor.lease;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The compact table checked against a plain sorted map model under random puts and removes (60 seeds). */
class Lease4TableTest {

    static java.util.stream.LongStream seeds() {
        return java.util.stream.LongStream.rangeClosed(1, 60);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void behavesLikeASortedMap(long seed) {
        RandomGenerator random = RandomGeneratorFactory.of("L64X128MixRandom").create(seed);
        Lease4Table table = new Lease4Table();
        Map<Integer, Lease4> model = new TreeMap<>(Integer::compareUnsigned);
        int span = 1 + random.nextInt(400);
        int base = random.nextInt();
        for (int step = 0; step < 2000; step++) {
            int address = base + random.nextInt(span);
            if (random.nextInt(4) == 0) {
                Lease4 removed = table.remove(address);
                assertThat(removed).isEqualTo(model.remove(address));
            } else {
                Lease4 lease = Lease4.builder(address)
                        .hardwareAddress(Identifier.of(new byte[] {1, 2, (byte) random.nextInt(8)}))
                        .clientId(random.nextBoolean() ? Identifier.EMPTY
                                : Identifier.of(new byte[] {1, (byte) random.nextInt(8)}))
                        .validLifetime(1 + random.nextInt(100)).cltt(random.nextInt(1000))
                        .subnetId(random.nextInt(3)).state(LeaseState.ofCode(random.nextInt(5)))
                        .hostname(random.nextBoolean() ? "" : "h" + random.nextInt(5))
                        .userContext(random.nextInt(5) == 0 ? "{ \"x\": " + step + " }" : "").build();
                assertThat(table.put(lease)).isEqualTo(model.put(address, lease));
            }
        }
        List<Lease4> all = new ArrayList<>(model.values());
        assertThat(table.size()).isEqualTo(model.size());
        assertThat(table.collect(lease -> true)).isEqualTo(all);
        for (int probe = 0; probe < 50; probe++) {
            int address = base + random.nextInt(span);
            assertThat(table.get(address)).isEqualTo(model.get(address));
        }
        for (int variant = 0; variant < 8; variant++) {
            Identifier hw = Identifier.of(new byte[] {1, 2, (byte) variant});
            assertThat(table.findByHardwareAddress(hw))
                    .isEqualTo(all.stream().filter(l -> l.hardwareAddress().equals(hw)).toList());
            Identifier cid = Identifier.of(new byte[] {1, (byte) variant});
            assertThat(table.findByClientId(cid))
                    .isEqualTo(all.stream().filter(l -> l.clientId().equals(cid)).toList());
        }
        assertThat(table.collectSubnet(1)).isEqualTo(all.stream().filter(l -> l.subnetId() == 1).toList());
        int after = base + random.nextInt(span);
        assertThat(table.page(after, 7)).isEqualTo(all.stream()
                .filter(l -> Integer.compareUnsigned(l.address(), after) > 0).limit(7).toList());
        long now = 500;
        List<Lease4> expired = all.stream()
                .filter(l -> l.state() != LeaseState.EXPIRED_RECLAIMED && l.expire() < now)
                .sorted(Comparator.comparingLong(Lease4::expire)
                        .thenComparing((a, b) -> Integer.compareUnsigned(a.address(), b.address())))
                .toList();
        assertThat(table.expired(now, 0, false)).isEqualTo(expired);
        assertThat(table.expired(now, 5, false)).isEqualTo(expired.subList(0, Math.min(5, expired.size())));
        long total = table.countBySubnetAndState().stream().mapToLong(SubnetStateCount::count).sum();
        assertThat(total).isEqualTo(model.size());
        int[] sorted = table.sortedAddresses();
        assertThat(sorted).containsExactly(model.keySet().stream().mapToInt(Integer::intValue).toArray());
    }
}
