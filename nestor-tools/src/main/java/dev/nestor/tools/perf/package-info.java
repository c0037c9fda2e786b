/**
 * {@code nestor perf}: a DHCPv4/DHCPv6 load client compatible with perfdhcp 2.2 (same flags, report
 * labels and exit codes), plus sending to several servers at once and a JSON report.
 *
 * <p>Entry point: {@link dev.nestor.tools.perf.PerfClient#run(String[], java.io.PrintStream, java.io.PrintStream)}.
 * Layers: {@link dev.nestor.tools.perf.PerfOptionsParser} (getopt-style parsing into the immutable
 * {@link dev.nestor.tools.perf.PerfOptions}), {@code PerfEngine} (one UDP socket, a sending thread
 * and a receiving thread, counters), {@link dev.nestor.tools.perf.PerfReport} and
 * {@link dev.nestor.tools.perf.PerfReportFormatter} (perfdhcp's text, JSON).
 */
package dev.nestor.tools.perf;
