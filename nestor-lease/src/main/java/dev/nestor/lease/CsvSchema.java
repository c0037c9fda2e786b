package dev.nestor.lease;

import java.util.List;

/**
 * The column list of one memfile format (v4 or v6) and the rule for how many columns a header and its rows may
 * have, as Kea's versioned CSV file applies them.
 */
final class CsvSchema {

    /** Kea 2.2's v4 columns (schema 2.1). */
    static final CsvSchema V4 = new CsvSchema(List.of("address", "hwaddr", "client_id", "valid_lifetime", "expire",
            "subnet_id", "fqdn_fwd", "fqdn_rev", "hostname", "state", "user_context"), 9);

    /** Kea 2.2's v6 columns (schema 4.0). */
    static final CsvSchema V6 = new CsvSchema(List.of("address", "duid", "valid_lifetime", "expire", "subnet_id",
            "pref_lifetime", "lease_type", "iaid", "prefix_len", "fqdn_fwd", "fqdn_rev", "hostname", "hwaddr", "state",
            "user_context", "hwtype", "hwaddr_source"), 12);

    final List<String> columns;
    /** Fewer header columns than this make the file invalid (Kea: everything up to {@code hostname}). */
    final int minimumColumns;
    final String headerLine;

    private CsvSchema(List<String> columns, int minimumColumns) {
        this.columns = columns;
        this.minimumColumns = minimumColumns;
        this.headerLine = String.join(",", columns) + "\n";
    }

    /**
     * Checks a header line (without its newline) and returns its column count.
     *
     * @throws CsvRowException when the names differ from Kea's or there are too few
     */
    int checkHeader(String header) throws CsvRowException {
        String[] names = header.split(",", -1);
        if (names.length < minimumColumns) {
            throw new CsvRowException("header has " + names.length + " columns, at least " + minimumColumns
                    + " expected: '" + header + "'");
        }
        for (int i = 0; i < Math.min(names.length, columns.size()); i++) {
            if (!names[i].trim().equals(columns.get(i))) {
                throw new CsvRowException("header column " + i + " is '" + names[i] + "', expected '"
                        + columns.get(i) + "'");
            }
        }
        return names.length;
    }

    /**
     * Checks a row's column count against the header's and returns how many of its columns to read (at most the
     * schema's; missing trailing columns take their upgrade defaults).
     */
    int usableColumns(int rowColumns, int headerColumns) throws CsvRowException {
        int schema = columns.size();
        if (rowColumns == headerColumns) {
            return Math.min(rowColumns, schema);
        }
        if (headerColumns < schema && rowColumns > headerColumns && rowColumns <= schema) {
            return rowColumns;
        }
        throw new CsvRowException("row has " + rowColumns + " columns, the header has " + headerColumns);
    }

    /**
     * Splits {@code [from, to)} at commas into {@code bounds} (start, end pairs); returns the column count, or -1 when
     * there are more than {@code bounds.length / 2}.
     */
    static int split(byte[] bytes, int from, int to, int[] bounds) {
        int count = 0;
        int start = from;
        int limit = bounds.length / 2;
        for (int i = from; i <= to; i++) {
            if (i == to || bytes[i] == ',') {
                if (count == limit) {
                    return -1;
                }
                bounds[2 * count] = start;
                bounds[2 * count + 1] = i;
                count++;
                start = i + 1;
            }
        }
        return count;
    }
}
