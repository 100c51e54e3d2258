package io.svccfg.cli;

import io.svccfg.client.Rfc2782;
import io.svccfg.config.HostPort;
import io.svccfg.config.ListeningPoint;
import io.svccfg.config.Option;
import io.svccfg.config.OptionValues;
import io.svccfg.dns.DnsReadException;
import io.svccfg.dns.ListeningPointRead;
import io.svccfg.dns.TupleSource;
import io.svccfg.status.Json;
import io.svccfg.tuple.ServiceType;
import io.svccfg.tuple.Transport;
import io.svccfg.tuple.Tuple;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * {@code resolve DOMAIN SERVICE [tcp|udp] [--dns HOST[:PORT]]... [--json]} ({@link OfService}), or
 * {@code resolve SIP-URI ...} ({@link OfUri}): the tuples of a SIP URI in the order RFC 3263 gives a client, each
 * with the record it came from.
 */
sealed interface ResolveCommand {
    int run(PrintStream out, PrintStream err);

    static ResolveCommand parse(List<String> args) throws UsageException {
        List<String> positional = new ArrayList<>();
        List<HostPort> dns = new ArrayList<>();
        boolean json = false;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.equals("--json")) {
                json = true;
            } else if (arg.equals("--dns") || arg.startsWith("--dns=")) {
                dns.add(CommandValues.dns(args, i));
                i += CommandValues.taken(args, i, "--dns");
            } else if (arg.startsWith("-")) {
                throw new UsageException("unknown option '" + arg + "' for resolve: expected --dns HOST[:PORT] or"
                        + " --json");
            } else {
                positional.add(arg);
            }
        }
        if (positional.size() == 1 && positional.get(0).matches("(?i)sips?:.*")) {
            ListeningPoint uri = CommandValues.valid("SIP URI '" + positional.get(0) + "'", Option.LISTENING_POINT
                    .expected(), () -> ListeningPoint.parse(positional.get(0)));
            return new OfUri(uri, dns, json);
        }
        if (positional.size() < 2 || positional.size() > 3) {
            throw new UsageException("resolve needs DOMAIN SERVICE [tcp|udp] or a SIP URI, like: resolve example.com"
                    + " http tcp, or: resolve sip:example.com");
        }
        String domain = CommandValues.valid("domain '" + positional.get(0) + "'", "a domain name like example.com",
                () -> OptionValues.domain(positional.get(0)));
        String service = CommandValues.valid("service '" + positional.get(1) + "'", "a service name like http or sip",
                () -> OptionValues.serviceName(positional.get(1)));
        Transport transport = positional.size() < 3 ? Transport.TCP
                : CommandValues.valid("transport '" + positional.get(2) + "'", "tcp or udp",
                        () -> Transport.parse(positional.get(2)));
        return new OfService(domain, new ServiceType(service, transport), dns, json);
    }

    /** The tuples of {@code _service._transport.domain}, in RFC 2782 order. */
    record OfService(String domain, ServiceType service, List<HostPort> dns, boolean json) implements ResolveCommand {
        @Override
        public int run(PrintStream out, PrintStream err) {
            List<Tuple> tuples;
            try {
                TupleSource source = new TupleSource(dns, Optional.empty(), TupleSource.DEFAULT_TIMEOUT);
                tuples = Rfc2782.order(source.tuples(domain, service), RandomGenerator.getDefault());
            } catch (DnsReadException e) {
                err.println("svccfg: " + e.getMessage());
                return Main.ERROR;
            }
            if (json) {
                out.println(Json.write(tuples.stream().map(TupleTable::json).toList()));
            } else if (tuples.isEmpty()) {
                out.println("no tuples: " + service.srvName(domain) + " has no SRV record with an address");
            } else {
                out.print(TupleTable.text(tuples));
            }
            return Main.OK;
        }
    }

    /** Each step of the URI's resolution, its tuples in RFC 2782 order, headed by the record it came from. */
    record OfUri(ListeningPoint uri, List<HostPort> dns, boolean json) implements ResolveCommand {
        @Override
        public int run(PrintStream out, PrintStream err) {
            ListeningPointRead read;
            try {
                read = new TupleSource(dns, Optional.empty(), TupleSource.DEFAULT_TIMEOUT).resolve(uri);
            } catch (DnsReadException e) {
                err.println("svccfg: " + e.getMessage());
                return Main.ERROR;
            }
            Map<String, List<Tuple>> steps = new LinkedHashMap<>();
            for (ListeningPointRead.Step step : Rfc2782.order(read, RandomGenerator.getDefault())) {
                steps.computeIfAbsent(step.via(), via -> new ArrayList<>()).addAll(step.tuples());
            }
            if (json) {
                List<Object> tuples = new ArrayList<>();
                steps.forEach((via, list) -> list.forEach(t -> {
                    Map<String, Object> m = TupleTable.json(t);
                    m.put("via", via);
                    tuples.add(m);
                }));
                out.println(Json.write(tuples));
            } else if (read.tuples().isEmpty()) {
                out.println("no tuples: " + uri + " resolves to no address");
            } else {
                out.print(TupleTable.grouped(steps));
            }
            return Main.OK;
        }
    }
}
