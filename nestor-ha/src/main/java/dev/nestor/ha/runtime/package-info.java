/**
 * HA inside a running Nestor DHCPv4 server: {@link dev.nestor.ha.runtime.HaAttachment} binds the HA service to the
 * engine's hooks (admission, committed-leases parking), to the partner over HTTP/1.1 and to the control channel
 * (the peer listener on this server's own URL, the {@code ha-*} commands, {@code status-get}). Everything the HA
 * service does runs on one thread of its own.
 */
package dev.nestor.ha.runtime;
