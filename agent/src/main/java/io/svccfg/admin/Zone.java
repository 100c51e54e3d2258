package io.svccfg.admin;

import io.svccfg.config.HostPort;
import io.svccfg.config.TsigKey;
import io.svccfg.dns.Tsigs;
import io.svccfg.fleet.Fleet;
import io.svccfg.tuple.AddressText;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.ResolverConfig;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;
import org.xbill.DNS.Update;

/**
 * The fleet's zone on the DNS servers the administrator talks to (the primary, for an update): reads what it holds
 * of the fleet's RRsets and sends one RFC 2136 update. The servers are tried in the order given; the first one
 * that answers is the one read and written.
 */
public final class Zone {
    static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final Name apex;
    private final List<SimpleResolver> servers = new ArrayList<>();
    private final boolean signed;

    public Zone(String domain, List<HostPort> dns, Optional<TsigKey> tsig) {
        this.apex = FleetRecords.name(domain + ".");
        List<InetSocketAddress> addresses = dns.isEmpty() ? ResolverConfig.getCurrentConfig().servers()
                : dns.stream().map(HostPort::resolve).toList();
        for (InetSocketAddress address : addresses) {
            SimpleResolver resolver = new SimpleResolver(address);
            resolver.setTimeout(TIMEOUT);
            // The SRV RRset of a service on many servers does not fit a UDP answer; TCP always holds it whole.
            resolver.setTCP(true);
            tsig.map(Tsigs::of).ifPresent(resolver::setTSIGKey);
            servers.add(resolver);
        }
        this.signed = tsig.isPresent();
    }

    /** What the first server that answers holds of every RRset the fleet owns, and the zone's serial. */
    public ZoneState read(Fleet fleet) throws ZoneException {
        List<String> failures = new ArrayList<>();
        for (SimpleResolver server : servers) {
            try {
                return read(fleet, server);
            } catch (ZoneException e) {
                failures.add(e.getMessage());
            }
        }
        throw new ZoneException(failures.isEmpty() ? "no DNS server is configured" : String.join("; ", failures));
    }

    private ZoneState read(Fleet fleet, SimpleResolver server) throws ZoneException {
        long serial = serial(server);
        Map<RecordSet, List<Record>> rrsets = new HashMap<>();
        for (RecordSet set : FleetRecords.owned(fleet)) {
            Message answer = ask(server, set.name(), set.type());
            List<Record> records = new ArrayList<>();
            for (Record record : answer.getSection(Section.ANSWER)) {
                if (record.getName().equals(set.name()) && record.getType() == set.type()) {
                    records.add(record);
                }
            }
            rrsets.put(set, records);
        }
        return new ZoneState(describe(server), serial, rrsets);
    }

    /** The zone's serial; fails if the fleet's domain is not a zone on that server. */
    private long serial(SimpleResolver server) throws ZoneException {
        Message answer = ask(server, apex, Type.SOA);
        for (Record record : answer.getSection(Section.ANSWER)) {
            if (record instanceof SOARecord soa && soa.getName().equals(apex)) {
                return soa.getSerial();
            }
        }
        throw new ZoneException(describe(server) + ": " + apex + " is not a zone there (no SOA record at that name):"
                + " the fleet's domain must be the zone its records are written to");
    }

    /**
     * Sends {@code diff} as one update, with the prerequisite that every RRset is still as {@code read} found it
     * (RFC 2136 section 2.4.2 and 2.4.3), to the server that answered the read; returns the zone's new serial.
     */
    public long update(ZoneState read, RecordDiff diff) throws ZoneException {
        SimpleResolver server = servers.stream().filter(s -> describe(s).equals(read.server())).findFirst()
                .orElseThrow(() -> new ZoneException("no DNS server " + read.server()));
        Update update = new Update(apex, DClass.IN);
        read.rrsets().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(set -> {
            if (set.getValue().isEmpty()) {
                update.absent(set.getKey().name(), set.getKey().type());
            } else {
                // A prerequisite carries TTL 0: the value-dependent check compares the data, not the TTL.
                set.getValue().forEach(r -> update.present(Record.newRecord(r.getName(), r.getType(), DClass.IN, 0,
                        r.rdataToWireCanonical())));
            }
        });
        diff.deletes().forEach(update::delete);
        diff.adds().forEach(update::add);
        Message answer = send(server, update);
        int rcode = answer.getRcode();
        if (rcode == Rcode.NXRRSET || rcode == Rcode.YXRRSET || rcode == Rcode.NXDOMAIN
                || rcode == Rcode.YXDOMAIN) {
            throw new ZoneException(read.server() + " refused the update (" + Rcode.string(rcode) + "): the records"
                    + " changed since they were read at serial " + read.serial() + "; nothing was written, plan again");
        }
        if (rcode == Rcode.NOTAUTH || rcode == Rcode.REFUSED) {
            throw new ZoneException(read.server() + " refused the update (" + Rcode.string(rcode) + "): it must be the"
                    + " primary of " + apex + " and allow updates signed with the --tsig key; nothing was written");
        }
        if (rcode != Rcode.NOERROR) {
            throw new ZoneException(read.server() + " answered the update " + Rcode.string(rcode)
                    + "; nothing was written");
        }
        return serial(server);
    }

    private Message ask(SimpleResolver server, Name name, int type) throws ZoneException {
        Message answer = send(server, Message.newQuery(Record.newRecord(name, type, DClass.IN)));
        int rcode = answer.getRcode();
        if (rcode != Rcode.NOERROR && rcode != Rcode.NXDOMAIN) {
            throw new ZoneException(describe(server) + " answered " + Rcode.string(rcode) + " for " + name + " "
                    + Type.string(type));
        }
        return answer;
    }

    private Message send(SimpleResolver server, Message message) throws ZoneException {
        Message answer;
        try {
            answer = server.send(message);
        } catch (IOException e) {
            throw new ZoneException(describe(server) + " did not answer: " + e.getMessage());
        }
        if (signed && !answer.isVerified()) {
            throw new ZoneException(describe(server) + " answered without a valid TSIG signature (is --tsig the key"
                    + " the server has?)");
        }
        return answer;
    }

    private static String describe(SimpleResolver server) {
        InetSocketAddress address = server.getAddress();
        return AddressText.of(address.getAddress(), address.getPort());
    }
}
