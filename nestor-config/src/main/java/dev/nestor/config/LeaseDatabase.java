package dev.nestor.config;

/**
 * {@code lease-database} of type {@code memfile} (the only type Nestor supports; others are refused at load).
 *
 * @param persist      write leases to the CSV file (default true)
 * @param name         lease file path, or {@code null} for the default ({@code kea-leases4.csv}/{@code kea-leases6.csv}
 *                     in the data directory, decided by the server)
 * @param lfcIntervalSeconds lease file cleanup period; 0 = never (default 3600)
 * @param maxRowErrors bad CSV rows tolerated at load; 0 = unlimited (default 0)
 */
public record LeaseDatabase(boolean persist, String name, long lfcIntervalSeconds, long maxRowErrors) {
    /** Kea's defaults. */
    public static LeaseDatabase defaults() {
        return new LeaseDatabase(true, null, 3600, 0);
    }
}
