/**
 * Bridges the control channel to the validated configuration model: the running-configuration holder
 * behind {@code config-*}, the subnet view behind lease and subnet commands, and the HTTP control
 * socket settings (authentication, TLS, headers) read from a {@code control-sockets} entry.
 */
package dev.nestor.control.config;
