package io.svccfg.demo.dns;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.xbill.DNS.Name;
import org.xbill.DNS.RRset;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.SetResponse;
import org.xbill.DNS.Zone;

/**
 * One version of the zone, never changed once built: an update builds a new one and the server swaps it in, so a
 * query sees the old or the new zone, never a mix. dnsjava's {@code Zone} does the lookups (CNAME, wildcards,
 * delegations); it is kept private so nothing can mutate it.
 */
public final class DnsZone {
    private final Name origin;
    private final List<Record> records;
    private final Zone lookup;

    private DnsZone(Name origin, List<Record> records, Zone lookup) {
        this.origin = origin;
        this.records = records;
        this.lookup = lookup;
    }

    /** The zone in a master file; {@code origin} empty: the file's {@code $ORIGIN}/SOA owner. */
    public static DnsZone fromFile(Path file, Optional<Name> origin) throws ZoneFileException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new ZoneFileException(file.toString(), OptionalInt.empty(), "cannot read it (" + e + ")",
                    "a readable zone file");
        }
        return parse(file.toString(), text, origin, true);
    }

    /** The zone in master-file text held in memory (the demo generates its zone); {@code $INCLUDE} is refused. */
    public static DnsZone fromText(String text, Optional<Name> origin) throws ZoneFileException {
        return parse("zone text", text, origin, false);
    }

    private static DnsZone parse(String source, String text, Optional<Name> origin, boolean includes)
            throws ZoneFileException {
        ZoneParser.Parsed parsed = ZoneParser.parse(source, text, origin, includes);
        Optional<ZoneRules.Violation> violation = ZoneRules.check(parsed.origin(), parsed.records());
        if (violation.isPresent()) {
            throw new ZoneFileException(source, OptionalInt.empty(), violation.get().problem(),
                    violation.get().expected());
        }
        return of(parsed.origin(), parsed.records());
    }

    /** A zone from records that must already satisfy {@link ZoneRules}; an update's result comes here. */
    static DnsZone of(Name origin, List<Record> records) {
        ZoneRules.check(origin, records).ifPresent(v -> {
            throw new IllegalArgumentException(v.problem() + "; expected " + v.expected());
        });
        try {
            return new DnsZone(origin, List.copyOf(records), new Zone(origin, records.toArray(new Record[0])));
        } catch (IOException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    public Name origin() {
        return origin;
    }

    public SOARecord soa() {
        return lookup.getSOA();
    }

    public long serial() {
        return soa().getSerial();
    }

    /** The records as loaded or last updated, in that order. */
    public List<Record> records() {
        return records;
    }

    public int size() {
        return records.size();
    }

    SetResponse find(Name name, int type) {
        return lookup.findRecords(name, type);
    }

    RRset exact(Name name, int type) {
        return lookup.findExactMatch(name, type);
    }
}
