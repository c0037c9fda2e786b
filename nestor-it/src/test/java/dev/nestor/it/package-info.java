/** End-to-end tests that start nestor and stock Kea processes on loopback. */
package dev.nestor.it;
