package dev.nestor.ha.state;

/** Kea's {@code state-machine.states[].pause} values: whether the machine stops in a state until {@code ha-continue}. */
public enum PausePolicy {
    /** Pause on every entry. */
    ALWAYS,
    /** Never pause (the default). */
    NEVER,
    /** Pause only on the first entry since start. */
    ONCE
}
