package io.svccfg.reconcile;

import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;

/**
 * Warns of failed reads without flooding the log: the first failure at once, then at most one line a minute
 * while the failures go on (with how many there were), and one line when reads succeed again.
 */
final class FailedReads {
    private static final Duration QUIET = Duration.ofMinutes(1);

    private final Logger log;
    private Instant lastWarning;
    private int unreported;
    private int streak;

    FailedReads(Logger log) {
        this.log = log;
    }

    void warn(String error) {
        streak++;
        Instant now = Instant.now();
        if (lastWarning == null || Duration.between(lastWarning, now).compareTo(QUIET) >= 0) {
            String more = unreported == 0 ? "" : " (" + unreported + " more failed reads since the last warning)";
            log.warn("DNS read failed, keeping the last good tuples: {}{}", error, more);
            lastWarning = now;
            unreported = 0;
        } else {
            unreported++;
            log.debug("DNS read failed again: {}", error);
        }
    }

    void recovered() {
        if (streak > 0) {
            log.info("DNS read again after {} failed reads", streak);
        }
        streak = 0;
        unreported = 0;
        lastWarning = null;
    }
}
