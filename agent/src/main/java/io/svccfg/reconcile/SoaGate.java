package io.svccfg.reconcile;

import io.svccfg.dns.DnsRead;
import io.svccfg.tuple.ServiceType;
import io.svccfg.tuple.Tuple;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Whether a poll may stop after asking each name's SOA serial (the domains and the listening points' hosts), so that
 * a poll of an unchanged DNS costs one question per name whatever the zones' size. A serial says nothing of a tuple
 * whose target lies outside the names (its address can change while the name's serial stays), nor of one whose SRV
 * records do (a NAPTR replacement in another zone), so the gate also closes when such a tuple outlives its TTL. No
 * clock inside: the caller gives the time.
 */
final class SoaGate {
    /** When there is no outside target, a full read still happens once a day. */
    private static final Duration NO_OUTSIDE_TARGET = Duration.ofDays(1);

    private final List<String> names;
    /** Before the first full read there is nothing for a serial to vouch for. */
    private Instant outsideTargetsExpire = Instant.MIN;

    SoaGate(List<String> names) {
        this.names = List.copyOf(names);
    }

    /**
     * Whether asking the serials may be enough at {@code now} for a read that asks {@code asked}: there is a last
     * good read, it covered every service asked (a serial says nothing of a service that was not read), and no tuple
     * of it whose target or SRV records are outside the names has reached the end of its TTL.
     */
    boolean serialsMaySuffice(Optional<DnsRead> last, Collection<ServiceType> asked, Instant now) {
        return last.isPresent() && last.get().coversAll(asked) && now.isBefore(outsideTargetsExpire);
    }

    /** Whether {@code serials}, just asked, show that the DNS is still what {@code last} read. */
    static boolean unchanged(Map<String, Long> serials, DnsRead last) {
        return serials.equals(last.serials());
    }

    /**
     * Whether a NOTIFY for {@code zone} that carries {@code serial} may tell something {@code last} did not read: not
     * when {@code zone} is one of the names and {@code last} read that name at this serial or a newer one (RFC
     * 1982 serial arithmetic). A fleet notified twice, or by two secondaries, then reads once. A domain below the zone
     * may be a zone of its own whose serial this one says nothing of: its NOTIFY always counts.
     */
    boolean notifyMayTell(Optional<DnsRead> last, String zone, long serial) {
        if (last.isEmpty() || !names.contains(zone)) {
            return true;
        }
        Long read = last.get().serials().get(zone);
        return read == null || newer(serial, read);
    }

    private boolean inside(String name) {
        return names.stream().anyMatch(d -> name.equals(d) || name.endsWith("." + d));
    }

    /** RFC 1982: whether 32-bit serial {@code a} is newer than {@code b}. */
    static boolean newer(long a, long b) {
        long difference = (a - b) & 0xFFFF_FFFFL;
        return difference != 0 && difference < 0x8000_0000L;
    }

    /** A full read ended at {@code now}: the TTLs of its outside targets count from then. */
    void fullRead(DnsRead read, Instant now) {
        outsideTargetsExpire = now.plusSeconds(outsideTargetsTtl(read));
    }

    /**
     * The shortest TTL of the tuples whose target or domain is outside every name, in seconds (a day when there is
     * none).
     */
    long outsideTargetsTtl(DnsRead read) {
        return read.tuples().stream()
                .filter(t -> !inside(t.target()) || !inside(t.domain()))
                .mapToLong(Tuple::ttl)
                .min()
                .orElse(NO_OUTSIDE_TARGET.toSeconds());
    }
}
