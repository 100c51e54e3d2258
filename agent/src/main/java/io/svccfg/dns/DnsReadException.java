package io.svccfg.dns;

import java.io.IOException;

/**
 * A read that failed: no DNS server gave a usable answer (timeout, SERVFAIL, REFUSED, a bad signature, garbage).
 * Never an empty answer: NXDOMAIN and NODATA are answers.
 */
public final class DnsReadException extends IOException {
    private static final long serialVersionUID = 1L;

    public DnsReadException(String message) {
        super(message);
    }
}
