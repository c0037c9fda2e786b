package dev.nestor.tools.lab;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads a Kea memfile DHCPv4 lease file (CSV) the way Kea loads it: the LFC leftovers {@code NAME.2} and
 * {@code NAME.1} first, then {@code NAME}; for each address the last row wins; a row with valid_lifetime 0
 * deletes the lease; rows cut short or unparsable (a torn last row after SIGKILL) are skipped, as Kea skips them.
 */
final class LeaseFile {
    private static final int ADDRESS = 0;
    private static final int HWADDR = 1;
    private static final int VALID_LIFETIME = 3;
    private static final int STATE = 9;

    private LeaseFile() {
    }

    /** The leases in the default state (not declined, not reclaimed): address to hardware address (lower case). */
    static Map<String, String> active(Path leaseFile) throws IOException {
        Map<String, String> leases = new LinkedHashMap<>();
        for (Path file : List.of(Path.of(leaseFile + ".2"), Path.of(leaseFile + ".1"), leaseFile)) {
            List<String> lines;
            try {
                lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            } catch (NoSuchFileException absent) {
                continue;
            }
            for (int index = 1; index < lines.size(); index++) {
                String[] fields = lines.get(index).split(",", -1);
                if (fields.length <= STATE) {
                    continue;
                }
                try {
                    long validLifetime = Long.parseLong(fields[VALID_LIFETIME]);
                    int state = Integer.parseInt(fields[STATE]);
                    if (validLifetime == 0 || state != 0) {
                        leases.remove(fields[ADDRESS]);
                    } else {
                        leases.put(fields[ADDRESS], fields[HWADDR].toLowerCase(Locale.ROOT));
                    }
                } catch (NumberFormatException torn) {
                    // skipped, as Kea skips it
                }
            }
        }
        return Collections.unmodifiableMap(leases);
    }

    /** {@link #active} that answers an empty map when the file cannot be read (for the live view). */
    static Map<String, String> activeOrEmpty(Path leaseFile) {
        try {
            return active(leaseFile);
        } catch (IOException | RuntimeException unreadable) {
            return Map.of();
        }
    }
}
