/**
 * {@code nestor lab}: scenarios that start real Nestor servers as child processes on loopback (no root), drive
 * them with the load client, watch their logs and control sockets, and judge the outcome. The one scenario so far
 * is the team guide's hot-standby test plan ({@link dev.nestor.tools.lab.HotStandbyLab}); {@link
 * dev.nestor.tools.lab.Lab} is the entry point a command line calls, {@link dev.nestor.tools.lab.Verdict} the pure
 * judgement of a {@link dev.nestor.tools.lab.LabReport}.
 */
package dev.nestor.tools.lab;
