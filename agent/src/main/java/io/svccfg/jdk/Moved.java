package io.svccfg.jdk;

import java.net.InetSocketAddress;

/**
 * Where a move put a listener, and its old socket when the move kept it open to drain (null otherwise: the old
 * socket is closed).
 */
public record Moved(InetSocketAddress bound, RetainedSocket old) {
}
