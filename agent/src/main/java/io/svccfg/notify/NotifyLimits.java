package io.svccfg.notify;

import java.time.Duration;

/**
 * The bounds within which the NOTIFY receiver serves any peer, so that no peer can hold it up or make it grow.
 *
 * @param maxMessage     the largest message read (a signed NOTIFY is 100-300 bytes); larger ones are refused
 *                       unparsed, and a TCP connection announcing one is closed
 * @param maxConnections TCP connections served at once; a new one beyond it closes the one waiting longest for its message
 * @param readDeadline   how long a TCP connection may take to deliver one whole message (or, idle, the next one)
 */
record NotifyLimits(int maxMessage, int maxConnections, Duration readDeadline) {
    static final NotifyLimits DEFAULT = new NotifyLimits(4096, 64, Duration.ofSeconds(5));
}
