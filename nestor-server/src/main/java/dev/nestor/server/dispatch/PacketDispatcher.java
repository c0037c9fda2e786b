package dev.nestor.server.dispatch;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * Worker threads fed by bounded queues, one queue per worker, items routed by a stripe key.
 *
 * <p>Guarantees: items with the same stripe key (the client's identity) are handled by the same worker in arrival
 * order, so two packets of one client are never in flight at once; a full queue discards its <em>oldest</em> item,
 * as Kea's packet queue does, and reports it to the drop consumer; an exception from the handler is reported to the
 * failure consumer and the worker carries on.
 *
 * @param <T> the work item (a received datagram)
 */
public final class PacketDispatcher<T> implements AutoCloseable {
    private final List<ArrayBlockingQueue<Object>> queues;
    private final List<Thread> workers;
    private final Consumer<T> dropped;
    private final LongAdder dropCount = new LongAdder();
    private static final Object STOP = new Object();

    /**
     * Starts {@code workerCount} workers.
     *
     * @param workerCount   number of workers, at least 1
     * @param queueCapacity capacity of each worker's queue (Kea's {@code packet-queue-size}: with per-client
     *                      striping a shared bound would let one busy stripe starve the others)
     * @param handler       handles one item; called on a worker thread
     * @param dropped       told about each item discarded because its queue was full
     * @param failed        told about each exception thrown by the handler
     * @param threadFactory makes the worker threads
     */
    public PacketDispatcher(int workerCount, int queueCapacity, Consumer<T> handler, Consumer<T> dropped,
                            Consumer<Throwable> failed, ThreadFactory threadFactory) {
        if (workerCount < 1) {
            throw new IllegalArgumentException("workerCount must be at least 1");
        }
        Objects.requireNonNull(handler, "handler");
        this.dropped = Objects.requireNonNull(dropped, "dropped");
        int perWorker = Math.max(1, queueCapacity);
        queues = new ArrayList<>(workerCount);
        workers = new ArrayList<>(workerCount);
        for (int i = 0; i < workerCount; i++) {
            ArrayBlockingQueue<Object> queue = new ArrayBlockingQueue<>(perWorker);
            queues.add(queue);
            Thread worker = threadFactory.newThread(() -> work(queue, handler, failed));
            workers.add(worker);
        }
        workers.forEach(Thread::start);
    }

    /** Number of workers. */
    public int workerCount() {
        return workers.size();
    }

    /** Items discarded so far because a queue was full. */
    public long dropCount() {
        return dropCount.sum();
    }

    /**
     * Queues {@code item} for the worker of {@code stripeKey}; when that queue is full, the oldest queued item is
     * discarded first.
     *
     * @return false if an older item was discarded to make room
     */
    @SuppressWarnings("unchecked")
    public boolean submit(int stripeKey, T item) {
        ArrayBlockingQueue<Object> queue = queues.get(Math.floorMod(mix(stripeKey), queues.size()));
        boolean clean = true;
        // one lock round per item (asking the remaining capacity first took the queue's lock twice)
        while (!queue.offer(item)) {
            Object oldest = queue.poll();
            if (oldest != null && oldest != STOP) {
                dropCount.increment();
                dropped.accept((T) oldest);
                clean = false;
            }
        }
        return clean;
    }

    /**
     * Stops the workers, discarding the items still queued, waiting up to {@code timeoutMillis} in total. Call after
     * the producers have stopped (a producer still submitting could take the place of the stop marker).
     */
    public void stop(long timeoutMillis) throws InterruptedException {
        for (ArrayBlockingQueue<Object> queue : queues) {
            queue.clear();
            // the queue was just emptied: the marker fits unless a producer still runs, then wait for the worker
            queue.put(STOP);
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        for (Thread worker : workers) {
            long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (left > 0) {
                worker.join(left);
            }
            if (worker.isAlive()) {
                worker.interrupt();
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop(5_000);
    }

    @SuppressWarnings("unchecked")
    private static <T> void work(ArrayBlockingQueue<Object> queue, Consumer<T> handler, Consumer<Throwable> failed) {
        while (true) {
            Object item;
            try {
                item = queue.take();
            } catch (InterruptedException e) {
                return;
            }
            if (item == STOP) {
                return;
            }
            try {
                handler.accept((T) item);
            } catch (Throwable e) {
                if (e instanceof VirtualMachineError error && !(e instanceof StackOverflowError)) {
                    throw error;
                }
                failed.accept(e);
            }
        }
    }

    /** Spreads client hashes that differ only in high bits over the workers. */
    private static int mix(int key) {
        int h = key * 0x9E3779B9;
        return h ^ (h >>> 16);
    }
}
