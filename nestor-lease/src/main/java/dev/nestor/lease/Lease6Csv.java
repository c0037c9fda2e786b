package dev.nestor.lease;

import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Kea 2.2's {@code kea-leases6.csv} row format: encoding a {@link Lease6} and decoding a row into one. */
final class Lease6Csv {

    private static final Logger LOG = LoggerFactory.getLogger(Lease6Csv.class);

    private Lease6Csv() {
    }

    /** The row (with its newline) for {@code lease}; a delete row (both lifetimes 0) when {@code deleted}. */
    static byte[] encode(Lease6 lease, boolean deleted) {
        StringBuilder row = new StringBuilder(160);
        append(row, lease, deleted);
        return row.toString().getBytes(StandardCharsets.UTF_8);
    }

    static void append(StringBuilder row, Lease6 lease, boolean deleted) {
        long valid = deleted ? 0 : lease.validLifetime();
        long preferred = deleted ? 0 : lease.preferredLifetime();
        row.append(lease.addressText()).append(',');
        CsvCodec.appendHex(row, lease.duid().unsafeBytes());
        row.append(',').append(valid)
                .append(',').append(lease.cltt() + valid)
                .append(',').append(lease.subnetId())
                .append(',').append(preferred)
                .append(',').append(lease.type().code())
                .append(',').append(lease.iaid())
                .append(',').append(lease.prefixLength())
                .append(',').append(lease.fqdnForward() ? '1' : '0')
                .append(',').append(lease.fqdnReverse() ? '1' : '0')
                .append(',');
        CsvCodec.appendEscaped(row, lease.hostname());
        row.append(',');
        CsvCodec.appendHex(row, lease.hardwareAddress().unsafeBytes());
        row.append(',').append(lease.state().code()).append(',');
        CsvCodec.appendEscaped(row, lease.userContext());
        row.append(',');
        if (!lease.hardwareAddress().isEmpty()) {
            row.append(lease.hardwareType()).append(',').append(lease.hardwareAddressSource());
        } else {
            row.append(',');
        }
        row.append('\n');
    }

    /**
     * Decodes one row {@code [from, to)} (no newline) of a file whose header has {@code headerColumns} columns. A
     * row with valid_lifetime 0 decodes to a lease with lifetime 0 (the caller treats it as a delete).
     */
    static Lease6 decode(byte[] bytes, int from, int to, int headerColumns, int[] bounds) throws CsvRowException {
        int count = CsvSchema.split(bytes, from, to, bounds);
        if (count < 0) {
            throw new CsvRowException("too many columns");
        }
        int usable = CsvSchema.V6.usableColumns(count, headerColumns);
        long[] address = new long[2];
        if (!CsvCodec.parseIpv6(bytes, bounds[0], bounds[1], address)) {
            throw new CsvRowException("invalid address '" + Lease4Csv.text(bytes, bounds, 0) + "'");
        }
        byte[] duid = CsvCodec.parseHex(bytes, bounds[2], bounds[3]);
        if (duid == null || duid.length == 0 || duid.length > 128) {
            throw new CsvRowException("invalid duid '" + Lease4Csv.text(bytes, bounds, 1) + "'");
        }
        long valid = Lease4Csv.unsigned32(bytes, bounds, 2, "valid_lifetime");
        long expire = CsvCodec.parseUnsigned(bytes, bounds[6], bounds[7]);
        if (expire < 0) {
            throw new CsvRowException("invalid expire '" + Lease4Csv.text(bytes, bounds, 3) + "'");
        }
        long cltt = expire - valid;
        if (cltt < 0) {
            throw new CsvRowException("expire " + expire + " is before valid_lifetime " + valid);
        }
        long subnetId = Lease4Csv.unsigned32(bytes, bounds, 4, "subnet_id");
        long preferred = Lease4Csv.unsigned32(bytes, bounds, 5, "pref_lifetime");
        long typeCode = CsvCodec.parseUnsigned(bytes, bounds[12], bounds[13]);
        if (typeCode < 0 || typeCode > 2) {
            throw new CsvRowException("invalid lease_type '" + Lease4Csv.text(bytes, bounds, 6) + "'");
        }
        long iaid = Lease4Csv.unsigned32(bytes, bounds, 7, "iaid");
        long prefixLength = CsvCodec.parseUnsigned(bytes, bounds[16], bounds[17]);
        if (prefixLength < 0 || prefixLength > 128) {
            throw new CsvRowException("invalid prefix_len '" + Lease4Csv.text(bytes, bounds, 8) + "'");
        }
        boolean forward = Lease4Csv.bool(bytes, bounds, 9, "fqdn_fwd");
        boolean reverse = Lease4Csv.bool(bytes, bounds, 10, "fqdn_rev");
        String hostname = CsvCodec.unescape(bytes, bounds[22], bounds[23]);
        byte[] hardwareAddress = new byte[0];
        if (usable > 12 && bounds[24] < bounds[25]) {
            byte[] parsed = CsvCodec.parseHex(bytes, bounds[24], bounds[25]);
            if (parsed == null || parsed.length > Lease4Csv.MAX_HARDWARE_ADDRESS_LENGTH) {
                // Kea only warns and loads the lease without it
                LOG.warn("DHCPSRV_MEMFILE_READ_HWADDR_FAIL invalid hwaddr '{}' ignored",
                        Lease4Csv.text(bytes, bounds, 12));
            } else {
                hardwareAddress = parsed;
            }
        }
        LeaseState state = LeaseState.DEFAULT;
        if (usable > 13) {
            long code = CsvCodec.parseUnsigned(bytes, bounds[26], bounds[27]);
            if (code < 0 || code > LeaseState.REGISTERED.code()) {
                throw new CsvRowException("invalid state '" + Lease4Csv.text(bytes, bounds, 13) + "'");
            }
            state = LeaseState.ofCode(code);
        }
        String userContext = "";
        if (usable > 14 && bounds[28] < bounds[29]) {
            userContext = CsvCodec.unescape(bytes, bounds[28], bounds[29]);
            String problem = JsonSyntax.checkMap(userContext);
            if (problem != null) {
                throw new CsvRowException(problem);
            }
        }
        int hardwareType = Lease4.HARDWARE_TYPE_ETHERNET;
        if (usable > 15 && bounds[30] < bounds[31]) {
            long value = CsvCodec.parseUnsigned(bytes, bounds[30], bounds[31]);
            if (value < 0 || value > 0xffff) {
                throw new CsvRowException("invalid hwtype '" + Lease4Csv.text(bytes, bounds, 15) + "'");
            }
            hardwareType = (int) value;
        }
        int hardwareSource = 0;
        if (usable > 16 && bounds[32] < bounds[33]) {
            long value = CsvCodec.parseUnsigned(bytes, bounds[32], bounds[33]);
            if (value < 0 || value > 0xffff_ffffL) {
                throw new CsvRowException("invalid hwaddr_source '" + Lease4Csv.text(bytes, bounds, 16) + "'");
            }
            hardwareSource = (int) value;
        }
        if (duid.length == 1 && duid[0] == 0 && state != LeaseState.DECLINED) {
            throw new CsvRowException("empty DUID 00 on a lease that is not declined");
        }
        if (hardwareAddress.length == 0) {
            hardwareType = Lease4.HARDWARE_TYPE_ETHERNET;
            hardwareSource = 0;
        }
        return new Lease6(LeaseType.ofCode(typeCode), address[0], address[1], (int) prefixLength,
                Identifier.wrap(duid), iaid, preferred, valid, cltt, subnetId, forward, reverse, hostname,
                Identifier.wrap(hardwareAddress), hardwareType, hardwareSource, state, userContext);
    }
}
