package dev.nestor.lease;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads one memfile CSV file row by row straight from its bytes: checks the header against the schema, hands every
 * row to a {@link RowSink}, counts bad rows (logged as {@code DHCPSRV_MEMFILE_LEASE_LOAD_ROW_ERROR}) and stops when
 * {@code max-row-errors} is exceeded. A last line without its newline that does not parse is a torn write (the server
 * stopped mid-row): it is counted apart, not as a row error, and cut off before the file is appended to again.
 */
final class LeaseFileLoader {

    private static final Logger LOG = LoggerFactory.getLogger(LeaseFileLoader.class);
    private static final int CHUNK = 1 << 22;
    /** No lease row comes near this; a longer line means the file is not a lease file. */
    private static final int MAX_LINE = 1 << 24;

    /** Receives each row's bytes {@code [from, to)} without the newline. */
    interface RowSink {
        void accept(byte[] bytes, int from, int to, int headerColumns, int[] bounds) throws CsvRowException;

        /** Called once the file is read (also after a failure): every accepted row must be applied on return. */
        default void finish() throws LeaseStoreException {
        }
    }

    /**
     * What loading one file found.
     *
     * @param rows          data rows read (not counting the header or a torn last line)
     * @param errors        rows skipped as malformed
     * @param tornLastLine  whether the file ended in an unparsable row without newline (cut off)
     * @param keepLength    bytes of the file to keep when appending to it (everything before a torn last line)
     * @param needsNewline  whether the kept part ends without a newline (a complete last row missing it)
     * @param upgraded      whether the header had fewer or more columns than Kea 2.2's schema
     */
    record Result(long rows, long errors, boolean tornLastLine, long keepLength, boolean needsNewline,
                  boolean upgraded) {
    }

    private LeaseFileLoader() {
    }

    /**
     * Loads {@code file}. An empty file has no rows.
     *
     * @throws LeaseStoreException when the file cannot be read, its header is not Kea's, or it has more than
     *                             {@code maxRowErrors} bad rows ({@code maxRowErrors} 0 = unlimited)
     */
    static Result load(Path file, CsvSchema schema, long maxRowErrors, RowSink sink) throws LeaseStoreException {
        if (!java.nio.file.Files.isRegularFile(file)) {
            // a device such as /dev/null is a write-only sink: nothing to load, nothing to cut
            LOG.warn("lease file {} is not a regular file, nothing loaded from it", file);
            return new Result(0, 0, false, -1, false, false);
        }
        Result result;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            result = read(file, channel, schema, maxRowErrors, sink);
        } catch (IOException error) {
            finishQuietly(sink);
            throw new LeaseStoreException("cannot read lease file " + file + ": " + error.getMessage(), error);
        } catch (LeaseStoreException | RuntimeException error) {
            finishQuietly(sink);
            throw error;
        }
        sink.finish();
        return result;
    }

    private static void finishQuietly(RowSink sink) {
        try {
            sink.finish();
        } catch (LeaseStoreException | RuntimeException error) {
            LOG.warn("lease loading stopped: {}", error.toString());
        }
    }

    private static Result read(Path file, FileChannel channel, CsvSchema schema, long maxRowErrors, RowSink sink)
            throws IOException, LeaseStoreException {
        byte[] buffer = new byte[CHUNK];
        int filled = 0;
        long bufferOffset = 0; // file offset of buffer[0]
        boolean eof = false;
        int headerColumns = -1;
        long rows = 0;
        long errors = 0;
        long lineNumber = 0;
        int[] bounds = new int[2 * (schema.columns.size() + 16)];
        boolean upgraded = false;
        while (true) {
            if (!eof) {
                ByteBuffer target = ByteBuffer.wrap(buffer, filled, buffer.length - filled);
                int read = channel.read(target);
                if (read < 0) {
                    eof = true;
                } else {
                    filled += read;
                }
            }
            int lineStart = 0;
            while (true) {
                int newline = indexOf(buffer, lineStart, filled, (byte) '\n');
                boolean lastLine = newline < 0 && eof;
                if (newline < 0 && !lastLine) {
                    break;
                }
                int lineEnd = newline < 0 ? filled : newline;
                if (lastLine && lineEnd == lineStart) {
                    return new Result(rows, errors, false, bufferOffset + lineStart, false, upgraded);
                }
                lineNumber++;
                int contentEnd = lineEnd > lineStart && buffer[lineEnd - 1] == '\r' ? lineEnd - 1 : lineEnd;
                if (headerColumns < 0) {
                    String header = new String(buffer, lineStart, contentEnd - lineStart, StandardCharsets.UTF_8);
                    try {
                        headerColumns = schema.checkHeader(header);
                    } catch (CsvRowException error) {
                        throw new LeaseStoreException("invalid lease file " + file + ": " + error.getMessage());
                    }
                    if (headerColumns != schema.columns.size()) {
                        upgraded = true;
                        LOG.warn("{} lease file {} has {} columns, Kea 2.2 writes {}",
                                headerColumns < schema.columns.size() ? "DHCPSRV_MEMFILE_NEEDS_UPGRADING"
                                        : "DHCPSRV_MEMFILE_NEEDS_DOWNGRADING",
                                file, headerColumns, schema.columns.size());
                    }
                    if (lastLine) {
                        return new Result(rows, errors, false, bufferOffset + lineEnd, true, upgraded);
                    }
                } else {
                    try {
                        sink.accept(buffer, lineStart, contentEnd, headerColumns, bounds);
                        rows++;
                        if (lastLine) {
                            return new Result(rows, errors, false, bufferOffset + lineEnd, true, upgraded);
                        }
                    } catch (CsvRowException error) {
                        if (lastLine) {
                            LOG.warn("DHCPSRV_MEMFILE_LEASE_LOAD_TORN_LINE lease file {} line {} is an unfinished"
                                    + " row, ignored and cut off: {}", file, lineNumber, error.getMessage());
                            return new Result(rows, errors, true, bufferOffset + lineStart, false, upgraded);
                        }
                        errors++;
                        LOG.warn("DHCPSRV_MEMFILE_LEASE_LOAD_ROW_ERROR lease file {} line {} skipped: {}", file,
                                lineNumber, error.getMessage());
                        if (maxRowErrors > 0 && errors > maxRowErrors) {
                            throw new LeaseStoreException("cannot load lease file " + file
                                    + ": exceeded maximum number of failures " + maxRowErrors + " (line "
                                    + lineNumber + ": " + error.getMessage() + ")");
                        }
                    }
                }
                lineStart = lineEnd + 1;
            }
            // keep the unfinished line, grow the buffer if it fills it entirely
            int remaining = filled - lineStart;
            if (lineStart == 0 && filled == buffer.length) {
                if (buffer.length >= MAX_LINE) {
                    throw new LeaseStoreException("cannot load lease file " + file + ": line " + (lineNumber + 1)
                            + " is longer than " + MAX_LINE + " bytes");
                }
                buffer = Arrays.copyOf(buffer, buffer.length * 2);
            } else {
                System.arraycopy(buffer, lineStart, buffer, 0, remaining);
                bufferOffset += lineStart;
                filled = remaining;
            }
        }
    }

    private static int indexOf(byte[] bytes, int from, int to, byte wanted) {
        for (int i = from; i < to; i++) {
            if (bytes[i] == wanted) {
                return i;
            }
        }
        return -1;
    }
}
