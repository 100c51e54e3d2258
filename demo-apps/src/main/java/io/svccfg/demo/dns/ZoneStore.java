package io.svccfg.demo.dns;

import org.xbill.DNS.Message;

/**
 * The zone version in service. Queries read it without a lock (one volatile read: the old or the new version, whole);
 * updates run one at a time, so that two of them, over UDP and TCP at once, cannot both start from the same version
 * and lose one change.
 */
final class ZoneStore {
    private volatile DnsZone current;

    ZoneStore(DnsZone zone) {
        this.current = zone;
    }

    DnsZone current() {
        return current;
    }

    synchronized UpdateProcessor.Result update(Message request) {
        UpdateProcessor.Result result = UpdateProcessor.process(current, request);
        result.next().ifPresent(next -> current = next);
        return result;
    }
}
