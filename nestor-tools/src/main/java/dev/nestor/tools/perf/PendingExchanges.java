package dev.nestor.tools.perf;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The requests of one exchange type that await a reply, found by transaction id. A ring indexed
 * by the low bits of the sequential xid: the sender thread registers, the receiver thread
 * claims; a slot holds its send time (never 0) until claimed. No allocation per packet.
 *
 * <p>One registering thread and one claiming thread at a time. A request still pending when its
 * slot comes round again (the ring holds {@link #CAPACITY} requests) is forgotten; its reply, if
 * any, then counts as an orphan.
 */
final class PendingExchanges {
    static final int CAPACITY = 1 << 18;
    private static final int MASK = CAPACITY - 1;

    private final int[] xids = new int[CAPACITY];
    private final AtomicLongArray sendTimes = new AtomicLongArray(CAPACITY);

    /**
     * Records that request {@code xid} left at {@code sendTime} (> 0). Returns the send time of a
     * request that was still pending in the reused slot, or 0.
     */
    long register(int xid, long sendTime) {
        int slot = xid & MASK;
        long previous = sendTimes.getAndSet(slot, 0);
        xids[slot] = xid;
        sendTimes.setRelease(slot, sendTime);
        return previous;
    }

    /** Claims the pending request {@code xid}: its send time, or 0 when none is pending. */
    long claim(int xid) {
        int slot = xid & MASK;
        long sendTime = sendTimes.getAcquire(slot);
        if (sendTime == 0 || xids[slot] != xid) {
            return 0;
        }
        return sendTimes.compareAndSet(slot, sendTime, 0) ? sendTime : 0;
    }

    /** Whether request {@code xid} is still pending (not yet claimed). */
    boolean isPending(int xid) {
        int slot = xid & MASK;
        return sendTimes.getAcquire(slot) != 0 && xids[slot] == xid;
    }
}
