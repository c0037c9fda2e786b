package dev.nestor.lease;

import java.nio.charset.StandardCharsets;

/** Kea 2.2's {@code kea-leases4.csv} row format: encoding a {@link Lease4} and decoding a row into one. */
final class Lease4Csv {

    /** Kea's limit on hardware address length. */
    static final int MAX_HARDWARE_ADDRESS_LENGTH = 20;

    private Lease4Csv() {
    }

    /** The row (with its newline) for {@code lease}; a delete row when {@code deleted}. */
    static byte[] encode(Lease4 lease, boolean deleted) {
        StringBuilder row = new StringBuilder(96);
        append(row, lease, deleted);
        return row.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Appends the row (with its newline) for {@code lease}; a delete row writes valid_lifetime 0, expire = cltt. */
    static void append(StringBuilder row, Lease4 lease, boolean deleted) {
        long valid = deleted ? 0 : lease.validLifetime();
        CsvCodec.appendIpv4(row, lease.address());
        row.append(',');
        CsvCodec.appendHex(row, lease.hardwareAddress().unsafeBytes());
        row.append(',');
        CsvCodec.appendHex(row, lease.clientId().unsafeBytes());
        row.append(',').append(valid)
                .append(',').append(lease.cltt() + valid)
                .append(',').append(lease.subnetId())
                .append(',').append(lease.fqdnForward() ? '1' : '0')
                .append(',').append(lease.fqdnReverse() ? '1' : '0')
                .append(',');
        CsvCodec.appendEscaped(row, lease.hostname());
        row.append(',').append(lease.state().code()).append(',');
        CsvCodec.appendEscaped(row, lease.userContext());
        row.append('\n');
    }

    /** The fields of one decoded row, reused from row to row while a file loads. */
    static final class Row {
        int address;
        byte[] hardwareAddress;
        byte[] clientId;
        long validLifetime;
        long cltt;
        long subnetId;
        boolean fqdnForward;
        boolean fqdnReverse;
        byte[] hostname;
        LeaseState state;
        byte[] userContext;

        Lease4 toLease() {
            return new Lease4(address, Identifier.wrap(hardwareAddress), Lease4.HARDWARE_TYPE_ETHERNET,
                    Identifier.wrap(clientId), validLifetime, cltt, subnetId, fqdnForward, fqdnReverse,
                    new String(hostname, StandardCharsets.UTF_8), state,
                    new String(userContext, StandardCharsets.UTF_8));
        }
    }

    /**
     * Decodes one row {@code [from, to)} (no newline) of a file whose header has {@code headerColumns} columns.
     * A row with valid_lifetime 0 decodes to a lease with lifetime 0 (the caller treats it as a delete).
     */
    static Lease4 decode(byte[] bytes, int from, int to, int headerColumns, int[] bounds) throws CsvRowException {
        Row row = new Row();
        decode(bytes, from, to, headerColumns, bounds, row);
        return row.toLease();
    }

    /** Decodes one row into {@code row}, checking it as Kea does. */
    static void decode(byte[] bytes, int from, int to, int headerColumns, int[] bounds, Row row)
            throws CsvRowException {
        int count = CsvSchema.split(bytes, from, to, bounds);
        if (count < 0) {
            throw new CsvRowException("too many columns");
        }
        int usable = CsvSchema.V4.usableColumns(count, headerColumns);
        long address = CsvCodec.parseIpv4(bytes, bounds[0], bounds[1]);
        if (address < 0) {
            throw new CsvRowException("invalid address '" + text(bytes, bounds, 0) + "'");
        }
        byte[] hardwareAddress = CsvCodec.parseHex(bytes, bounds[2], bounds[3]);
        if (hardwareAddress == null || hardwareAddress.length > MAX_HARDWARE_ADDRESS_LENGTH) {
            throw new CsvRowException("invalid hwaddr '" + text(bytes, bounds, 1) + "'");
        }
        byte[] clientId = CsvCodec.parseHex(bytes, bounds[4], bounds[5]);
        if (clientId == null || (clientId.length != 0 && (clientId.length < 2 || clientId.length > 128))) {
            throw new CsvRowException("invalid client_id '" + text(bytes, bounds, 2) + "'");
        }
        long valid = unsigned32(bytes, bounds, 3, "valid_lifetime");
        long expire = CsvCodec.parseUnsigned(bytes, bounds[8], bounds[9]);
        if (expire < 0) {
            throw new CsvRowException("invalid expire '" + text(bytes, bounds, 4) + "'");
        }
        long cltt = expire - valid;
        if (cltt < 0) {
            throw new CsvRowException("expire " + expire + " is before valid_lifetime " + valid);
        }
        row.subnetId = unsigned32(bytes, bounds, 5, "subnet_id");
        row.fqdnForward = bool(bytes, bounds, 6, "fqdn_fwd");
        row.fqdnReverse = bool(bytes, bounds, 7, "fqdn_rev");
        row.hostname = CsvCodec.unescapeBytes(bytes, bounds[16], bounds[17]);
        LeaseState state = LeaseState.DEFAULT;
        if (usable > 9) {
            long code = CsvCodec.parseUnsigned(bytes, bounds[18], bounds[19]);
            if (code < 0 || code > LeaseState.REGISTERED.code()) {
                throw new CsvRowException("invalid state '" + text(bytes, bounds, 9) + "'");
            }
            state = LeaseState.ofCode(code);
        }
        row.userContext = EMPTY;
        if (usable > 10 && bounds[20] < bounds[21]) {
            row.userContext = CsvCodec.unescapeBytes(bytes, bounds[20], bounds[21]);
            String problem = JsonSyntax.checkMap(new String(row.userContext, StandardCharsets.UTF_8));
            if (problem != null) {
                throw new CsvRowException(problem);
            }
        }
        if (hardwareAddress.length == 0 && clientId.length == 0 && state != LeaseState.DECLINED) {
            throw new CsvRowException("lease " + Lease4.addressText((int) address)
                    + " has neither hwaddr nor client_id and is not declined");
        }
        row.address = (int) address;
        row.hardwareAddress = hardwareAddress;
        row.clientId = clientId;
        row.validLifetime = valid;
        row.cltt = cltt;
        row.state = state;
    }

    private static final byte[] EMPTY = new byte[0];

    static String text(byte[] bytes, int[] bounds, int column) {
        return new String(bytes, bounds[2 * column], bounds[2 * column + 1] - bounds[2 * column],
                StandardCharsets.UTF_8);
    }

    static long unsigned32(byte[] bytes, int[] bounds, int column, String name) throws CsvRowException {
        long value = CsvCodec.parseUnsigned(bytes, bounds[2 * column], bounds[2 * column + 1]);
        if (value < 0 || value > 0xffff_ffffL) {
            throw new CsvRowException("invalid " + name + " '" + text(bytes, bounds, column) + "'");
        }
        return value;
    }

    static boolean bool(byte[] bytes, int[] bounds, int column, String name) throws CsvRowException {
        int start = bounds[2 * column];
        if (bounds[2 * column + 1] - start == 1) {
            if (bytes[start] == '1') {
                return true;
            }
            if (bytes[start] == '0') {
                return false;
            }
        }
        throw new CsvRowException("invalid " + name + " '" + text(bytes, bounds, column) + "'");
    }
}
