package io.svccfg.dns;

import java.util.HashSet;
import java.util.Set;
import org.slf4j.Logger;
import org.xbill.DNS.Record;

/**
 * Warns of records that no tuple can come from (port 0, an address that is not unicast), once per record: the same
 * records come back at every read until someone mends the zone, and the log must stay readable meanwhile.
 */
final class Refusals {
    /** Records remembered; past it the memory starts again, so that a hostile zone cannot make it grow. */
    private static final int REMEMBERED = 1024;

    private final Logger log;
    private final Set<String> warned = new HashSet<>();

    Refusals(Logger log) {
        this.log = log;
    }

    synchronized void refuse(Record record, String why) {
        String text = record.toString();
        if (warned.size() == REMEMBERED) {
            warned.clear();
        }
        if (warned.add(text)) {
            log.warn("DNS record refused, no tuple from it: {}: {}", text, why);
        } else {
            log.debug("DNS record refused again: {}: {}", text, why);
        }
    }
}
