package dev.nestor.server.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PacketDispatcherTest {
    record Item(int client, int sequence) {
    }

    @Test
    void itemsOfOneClientAreHandledInOrderByOneThread() throws Exception {
        int clients = 50;
        int perClient = 200;
        Map<Integer, List<Integer>> seen = new ConcurrentHashMap<>();
        Map<Integer, String> threadOfClient = new ConcurrentHashMap<>();
        AtomicInteger wrongThread = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(clients * perClient);
        try (PacketDispatcher<Item> dispatcher = new PacketDispatcher<>(4, 1_000_000, item -> {
            seen.computeIfAbsent(item.client(), c -> Collections.synchronizedList(new ArrayList<>()))
                    .add(item.sequence());
            String thread = Thread.currentThread().getName();
            if (!threadOfClient.computeIfAbsent(item.client(), c -> thread).equals(thread)) {
                wrongThread.incrementAndGet();
            }
            done.countDown();
        }, item -> { }, e -> { }, Thread.ofPlatform().name("worker-", 0).factory())) {
            for (int sequence = 0; sequence < perClient; sequence++) {
                for (int client = 0; client < clients; client++) {
                    dispatcher.submit(client, new Item(client, sequence));
                }
            }
            assertThat(done.await(20, TimeUnit.SECONDS)).isTrue();
            assertThat(dispatcher.dropCount()).isZero();
        }
        assertThat(wrongThread).hasValue(0);
        for (List<Integer> sequences : seen.values()) {
            assertThat(sequences).isSorted().hasSize(perClient);
        }
    }

    @Test
    void fullQueueDiscardsTheOldestItem() throws Exception {
        CountDownLatch blocker = new CountDownLatch(1);
        CountDownLatch started = new CountDownLatch(1);
        List<Integer> handled = Collections.synchronizedList(new ArrayList<>());
        List<Integer> dropped = Collections.synchronizedList(new ArrayList<>());
        try (PacketDispatcher<Integer> dispatcher = new PacketDispatcher<>(1, 3, item -> {
            started.countDown();
            try {
                blocker.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            handled.add(item);
        }, dropped::add, e -> { }, Thread.ofPlatform().factory())) {
            dispatcher.submit(0, 0);
            assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
            for (int i = 1; i <= 5; i++) {
                dispatcher.submit(0, i);
            }
            assertThat(dropped).containsExactly(1, 2);
            assertThat(dispatcher.dropCount()).isEqualTo(2);
            blocker.countDown();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            while (handled.size() < 4 && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
        }
        assertThat(handled).containsExactly(0, 3, 4, 5);
    }

    @Test
    void aFailingHandlerDoesNotStopTheWorker() throws Exception {
        List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch second = new CountDownLatch(1);
        try (PacketDispatcher<Integer> dispatcher = new PacketDispatcher<>(1, 8, item -> {
            if (item == 1) {
                throw new IllegalStateException("boom");
            }
            second.countDown();
        }, item -> { }, failures::add, Thread.ofPlatform().factory())) {
            dispatcher.submit(0, 1);
            dispatcher.submit(0, 2);
            assertThat(second.await(5, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(failures).singleElement().hasFieldOrPropertyWithValue("message", "boom");
    }
}
