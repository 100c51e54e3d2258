package io.svccfg.jfr;

import jdk.jfr.FlightRecorder;

/**
 * Whether a flight recorder runs in this JVM. The first {@code jdk.jfr.Event} subclass loaded starts JFR's internals
 * (80-100 ms of CPU, even with no recording): svccfg's events are made only once a recorder is up (a recording at
 * start, or one started later with {@code jcmd JFR.start}), which {@link FlightRecorder#isInitialized()} tells
 * without starting anything itself.
 */
final class Jfr {
    private Jfr() {
    }

    static boolean recording() {
        try {
            return FlightRecorder.isInitialized();
        } catch (LinkageError e) {
            return false; // a runtime without the jdk.jfr module
        }
    }
}
