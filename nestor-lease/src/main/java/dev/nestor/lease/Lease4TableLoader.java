package dev.nestor.lease;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Applies v4 file rows to a {@link Lease4Table} in two stages: the reading thread decodes and packs each row, a
 * second thread inserts them, so a big file loads on two cores. Rows keep their file order (one inserter), so "last
 * row wins" holds. Used only while a table is loaded, before any other thread sees it.
 */
final class Lease4TableLoader implements LeaseFileLoader.RowSink {

    private static final int BATCH = 4096;

    /** A run of decoded rows; valid lifetime 0 marks a delete. */
    private static final class Batch {
        final int[] addresses = new int[BATCH];
        final long[] cltts = new long[BATCH];
        final long[] valids = new long[BATCH];
        final long[] subnets = new long[BATCH];
        final byte[] flags = new byte[BATCH];
        final byte[][] blobs = new byte[BATCH][];
        int count;
    }

    private static final Batch END = new Batch();

    private final Lease4Table table;
    private final Lease4Csv.Row row = new Lease4Csv.Row();
    private final BlockingQueue<Batch> queue = new ArrayBlockingQueue<>(8);
    private Batch current = new Batch();
    private Thread inserter;
    private volatile Throwable failure;

    Lease4TableLoader(Lease4Table table) {
        this.table = table;
    }

    @Override
    public void accept(byte[] bytes, int from, int to, int headerColumns, int[] bounds) throws CsvRowException {
        Lease4Csv.decode(bytes, from, to, headerColumns, bounds, row);
        Batch batch = current;
        int i = batch.count++;
        batch.addresses[i] = row.address;
        batch.valids[i] = row.validLifetime;
        if (row.validLifetime != 0) {
            batch.cltts[i] = row.cltt;
            batch.subnets[i] = row.subnetId;
            batch.flags[i] = Lease4Table.flags(row.state, row.fqdnForward, row.fqdnReverse);
            batch.blobs[i] = Lease4Table.pack(Lease4.HARDWARE_TYPE_ETHERNET, row.hardwareAddress, row.clientId,
                    row.hostname, row.userContext);
        }
        if (batch.count == BATCH) {
            handOff(batch);
            current = new Batch();
        }
    }

    private void handOff(Batch batch) {
        if (inserter == null) {
            inserter = Thread.ofPlatform().name("nestor-lease-load").daemon(true).start(this::insert);
        }
        boolean interrupted = false;
        while (true) {
            try {
                queue.put(batch);
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void insert() {
        try {
            while (true) {
                Batch batch = queue.take();
                if (batch == END) {
                    return;
                }
                if (failure != null) {
                    continue;
                }
                for (int i = 0; i < batch.count; i++) {
                    if (batch.valids[i] == 0) {
                        table.discard(batch.addresses[i]);
                    } else {
                        table.put(batch.addresses[i], batch.cltts[i], batch.valids[i], batch.subnets[i],
                                batch.flags[i], batch.blobs[i]);
                    }
                }
            }
        } catch (InterruptedException e) {
            failure = e;
        } catch (RuntimeException | Error e) {
            failure = e;
        }
    }

    @Override
    public void finish() throws LeaseStoreException {
        if (current.count > 0) {
            handOff(current);
            current = new Batch();
        }
        if (inserter == null) {
            return;
        }
        handOff(END);
        boolean interrupted = false;
        while (inserter.isAlive()) {
            try {
                inserter.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        inserter = null;
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (failure != null) {
            throw new LeaseStoreException("loading leases failed: " + failure, failure);
        }
    }
}
