package dev.nestor.lease;

import java.nio.file.Path;
import java.util.List;

/**
 * What opening a memfile store read.
 *
 * @param files          the files read, in load order (empty when not persisting)
 * @param rows           data rows read in all files
 * @param rowErrors      malformed rows skipped
 * @param tornLastLines  files whose last line was an unfinished row (ignored; cut off the current file)
 * @param leases         leases in memory after loading
 * @param nanos          time spent loading, in nanoseconds
 */
public record LoadSummary(List<Path> files, long rows, long rowErrors, int tornLastLines, long leases, long nanos) {
}
