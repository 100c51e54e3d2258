package io.svccfg.drain;

import java.net.InetSocketAddress;

/**
 * A draining endpoint as {@code status} shows it.
 *
 * @param label       the listener's {@code service/transport}
 * @param endpoint    the old endpoint that still accepts
 * @param millisLeft  until it closes (0: closing, its last connections being handed over)
 * @param delivered   connections it handed to the application so far
 */
public record Window(String label, InetSocketAddress endpoint, long millisLeft, long delivered) {
}
