package io.svccfg.demo.fig1;

import io.svccfg.jmx.ListenerInfo;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;

/**
 * The patent's FIG. 1 in one command: a DNS server with the table, five server JVMs under the agent that serve what
 * DNS assigns them, a client that picks servers by RFC 2782 and fails over, and a reassignment through a signed
 * update that NOTIFY carries to the servers. It checks every step itself and prints {@code DEMO OK} last only if
 * every step held; otherwise the step that failed, and exit status 1. Everything it started stops with it, on
 * Ctrl-C too.
 *
 * <pre>
 * java -jar demo-apps/target/svccfg-demo.jar [--interactive]
 * </pre>
 */
public final class Fig1Demo {
    private static final List<String> SERVICES = List.of("http/tcp", "smtp/tcp", "sip/udp");
    private static final int REQUESTS = 200;
    /** What "within a second" means for a reassignment that NOTIFY carries. */
    private static final Duration REASSIGN_LIMIT = Duration.ofSeconds(1);
    /** Five JVMs starting at once, each with the agent, on a small machine. */
    private static final Duration START_LIMIT = Duration.ofSeconds(60);

    private final DemoRun run;
    private final Fig1Table table;
    private final Fleet fleet;

    private Fig1Demo(DemoRun run, Fig1Table table, Fleet fleet) {
        this.run = run;
        this.table = table;
        this.fleet = fleet;
    }

    public static void main(String[] args) {
        boolean interactive = args.length == 1 && args[0].equals("--interactive");
        if (args.length > 1 || (args.length == 1 && !interactive)) {
            System.err.println("svccfg-demo: unexpected " + String.join(" ", args)
                    + ": expected no argument (run the demo) or --interactive (leave it running)");
            System.exit(2);
        }
        System.exit(run(System.out, interactive));
    }

    /** Runs the demo; returns the exit status. */
    static int run(PrintStream out, boolean interactive) {
        return DemoRun.run(out, "the patent's FIG. 1 on this machine", (fleet, run) -> {
            Fig1Demo demo = new Fig1Demo(run, Fig1Table.forThisMachine(), fleet);
            demo.dns();
            demo.servers();
            demo.whoServesWhat();
            if (interactive) {
                demo.explain();
                new CountDownLatch(1).await();
            }
            demo.client();
            demo.reassign();
            demo.mailFailover();
        });
    }

    private void dns() throws StepFailed {
        fleet.startDns(table);
        run.say("DNS: zone " + Fig1Table.DOMAIN + " on " + fleet.dnsHostPort() + " (UDP and TCP), updates signed"
                + " with key " + Fleet.KEY_NAME + ", NOTIFY to every server");
        if (table.portOffset() != 0) {
            run.detail("the table's ports (80, 8080, 23) cannot be bound by this user: every port is %d higher",
                    Fig1Table.OFFSET);
        }
        for (Fig1Table.Row row : Fig1Table.ROWS) {
            run.detail("_%s._tcp  SRV  priority %d  weight 100  port %-5d %s (%s)", row.service(), row.priority(),
                    table.port(row), Fig1Table.hostName(row.host()), Fig1Table.address(row.host()));
        }
        run.detail("sip.%s  NAPTR  \"SIP+D2U\" -> _sip._udp.sip  SRV  priority %d  weight 100  port %-5d %s (%s)",
                Fig1Table.DOMAIN, Fig1Table.SIP.priority(), table.port(Fig1Table.SIP),
                Fig1Table.hostName(Fig1Table.SIP.host()), Fig1Table.address(Fig1Table.SIP.host()));
    }

    private void servers() throws StepFailed {
        run.say("servers: five JVMs, each running http (asks port 8080), smtp (25) and sip (5060/udp) under"
                + " -javaagent:svccfg.jar");
        for (int host : Fig1Table.HOSTS) {
            ServerJvm server = fleet.startServer(host, "listening-point=" + Fig1Table.SIP_URI);
            run.detail("%s  pid %-7d address=%s notify=%s listening-point=%s", server.name(), server.pid(),
                    Fig1Table.address(host), fleet.notifyHostPort(host), Fig1Table.SIP_URI);
        }
    }

    private void whoServesWhat() throws StepFailed {
        run.say("who serves what, from each server's status:");
        Map<Integer, Map<String, String>> seen = new TreeMap<>();
        Until.holds(START_LIMIT, Duration.ofMillis(200), () -> {
            if (fleet.anyExited()) {
                return true; // no point waiting
            }
            for (int host : Fig1Table.HOSTS) {
                seen.put(host, ServerStatus.states(fleet.server(host).pid(), SERVICES));
            }
            return Fig1Table.HOSTS.stream().allMatch(h -> seen.get(h).equals(expected(h)));
        });
        boolean asTable = Fig1Table.HOSTS.stream().allMatch(h -> expected(h).equals(seen.get(h)));
        for (int host : Fig1Table.HOSTS) {
            StringBuilder line = new StringBuilder(Fig1Table.hostName(host));
            seen.getOrDefault(host, Map.of()).forEach((service, state) ->
                    line.append("   ").append(service).append(' ').append(state));
            run.detail("%s", line);
        }
        if (fleet.anyExited()) {
            throw new StepFailed("a server exited at start: see its log below");
        }
        if (!asTable) {
            throw new StepFailed("the servers do not serve what FIG. 1 says within " + START_LIMIT.toSeconds()
                    + " s: expected " + expectedAll());
        }
        run.ok(".121 and .122 serve http, .123 http and smtp, .124 smtp, .125 sip (from " + Fig1Table.SIP_URI
                + "'s NAPTR); the rest is parked");
    }

    private void client() throws StepFailed {
        run.say("a client resolves _http._tcp and _smtp._tcp and picks servers by RFC 2782, and " + Fig1Table.SIP_URI
                + " by RFC 3263 (svccfg's client API)");
        Map<String, Integer> served = httpRequests(REQUESTS);
        run.detail("%d http requests: %s", REQUESTS, served);
        int first = served.getOrDefault("host121", 0);
        int second = served.getOrDefault("host122", 0);
        if (served.getOrDefault("host123", 0) != 0 || first + second != REQUESTS
                || Math.min(first, second) < REQUESTS * 35 / 100) {
            throw new StepFailed("expected host121 and host122 to share http about evenly (priority 1, weight 100"
                    + " each) and host123 (priority 2) to get none, got " + served);
        }
        run.ok("host121 and host122 share http, host123 (priority 2) gets none");
        expectMail("host123", "priority 1");
        String sip;
        try {
            sip = new DemoClient(fleet.dnsHostPort()).sipOptions(Fig1Table.SIP_URI);
        } catch (IOException e) {
            throw new StepFailed("expected a SIP OPTIONS to " + Fig1Table.SIP_URI + " to be answered: " + e.getMessage(),
                    e);
        }
        run.detail("OPTIONS %s answered: %s", Fig1Table.SIP_URI, sip);
        if (!sip.contains(Fig1Table.hostName(Fig1Table.SIP.host()))) {
            throw new StepFailed("expected " + Fig1Table.hostName(Fig1Table.SIP.host()) + " to answer SIP, got " + sip);
        }
        run.ok("SIP resolves by RFC 3263 (NAPTR, then SRV) to host125, which answers");

        fleet.stop(121);
        fleet.stop(122);
        run.detail("host121 and host122 stopped");
        served = httpRequests(REQUESTS / 4);
        run.detail("%d http requests: %s", REQUESTS / 4, served);
        if (!served.equals(Map.of("host123", REQUESTS / 4))) {
            throw new StepFailed("expected the client to fail over to host123, got " + served);
        }
        run.ok("the client fails over to host123");
    }

    private void reassign() throws StepFailed {
        run.say("a signed DNS update moves http from host123 to host125 (the servers poll hourly here: only NOTIFY"
                + " can tell them)");
        Fig1Table.Row moved = Fig1Table.REASSIGNED;
        int port = table.port(moved);
        long notifiesBefore = notifies(125);
        long start = System.nanoTime();
        fleet.updateHttp(moved, 123, 125, table);
        long answered = System.nanoTime();
        boolean done = Until.holds(Duration.ofSeconds(10), Duration.ofMillis(5), () ->
                DemoClient.accepts(Fig1Table.address(125), port));
        long millis = (System.nanoTime() - start) / 1_000_000;
        if (!done) {
            throw new StepFailed("after the update, expected 127.0.0.125:" + port + " to accept; still not so after"
                    + " 10 s");
        }
        // Clients that still hold the old answer are served by host123 until its record's TTL ends.
        if (!DemoClient.accepts(Fig1Table.address(123), port)) {
            throw new StepFailed("expected 127.0.0.123:" + port + " to drain (accept) for the old record's TTL");
        }
        run.detail("update answered after %d ms; after %d ms 127.0.0.125:%d accepts; 127.0.0.123:%d drains (accepts for"
                + " the old record's TTL, 60 s)",
                (answered - start) / 1_000_000, millis, port, port);
        long notifiesAfter = notifies(125);
        run.detail("NOTIFYs received by host125: %d before the update, %d after", notifiesBefore, notifiesAfter);
        if (millis > REASSIGN_LIMIT.toMillis() || notifiesAfter <= notifiesBefore) {
            throw new StepFailed("expected the move within " + REASSIGN_LIMIT.toMillis() + " ms through a NOTIFY, took "
                    + millis + " ms with " + (notifiesAfter - notifiesBefore) + " new NOTIFY");
        }
        Map<String, Integer> served = httpRequests(REQUESTS / 10);
        run.detail("%d http requests: %s", REQUESTS / 10, served);
        if (!served.equals(Map.of("host125", REQUESTS / 10))) {
            throw new StepFailed("expected host125 to serve http now, got " + served);
        }
        run.ok("host125 serves http " + millis + " ms after the update; host123 drains its old endpoint");
    }

    private void mailFailover() throws StepFailed {
        run.say("host123 stops: mail fails over");
        fleet.stop(123);
        expectMail("host124", "priority 2, after host123");
    }

    private void explain() {
        String dns = fleet.dnsHostPort();
        String host = dns.substring(0, dns.lastIndexOf(':'));
        String port = dns.substring(dns.lastIndexOf(':') + 1);
        Fig1Table.Row moved = Fig1Table.REASSIGNED;
        PrintStream out = run.out();
        out.println();
        out.println("Everything runs until Ctrl-C. Try:");
        out.println("  dig @" + host + " -p " + port + " _http._tcp." + Fig1Table.DOMAIN + " SRV");
        out.println("  java -jar " + fleet.jars().agent() + " resolve " + Fig1Table.DOMAIN + " http --dns " + dns);
        out.println("  curl http://" + table.endpoint(Fig1Table.ROWS.get(0)) + "/");
        out.println("  java -jar " + fleet.jars().agent() + " status " + fleet.server(123).pid());
        out.println("  nsupdate -y " + fleet.tsigForNsupdate() + " <<EOF");
        out.println("  server " + host + " " + port);
        out.println("  update delete _http._tcp." + Fig1Table.DOMAIN + " SRV " + moved.priority() + " 100 "
                + table.port(moved) + " host123." + Fig1Table.DOMAIN + ".");
        out.println("  update add _http._tcp." + Fig1Table.DOMAIN + " 60 SRV " + moved.priority() + " 100 "
                + table.port(moved) + " host125." + Fig1Table.DOMAIN + ".");
        out.println("  send");
        out.println("  EOF");
        out.println("and then status of host125 (pid " + fleet.server(125).pid() + ") and curl http://127.0.0.125:"
                + table.port(moved) + "/");
    }

    private Map<String, Integer> httpRequests(int n) throws StepFailed {
        DemoClient client = new DemoClient(fleet.dnsHostPort());
        Map<String, Integer> served = new TreeMap<>();
        for (int i = 0; i < n; i++) {
            String page;
            try {
                page = client.http();
            } catch (IOException e) {
                throw new StepFailed("http request " + (i + 1) + " failed: " + e.getMessage(), e);
            }
            // "http served by host121 at 127.0.0.121:80"
            String[] words = page.split(" ");
            served.merge(words.length > 3 ? words[3] : page, 1, Integer::sum);
        }
        return served;
    }

    private void expectMail(String host, String why) throws StepFailed {
        String greeting;
        try {
            greeting = new DemoClient(fleet.dnsHostPort()).mail();
        } catch (IOException e) {
            throw new StepFailed("sending mail failed: " + e.getMessage(), e);
        }
        run.detail("mail accepted by: %s", greeting);
        if (!greeting.startsWith("220 " + host + " ")) {
            throw new StepFailed("expected the mail to go to " + host + " (" + why + "), greeted by " + greeting);
        }
        run.ok("mail goes to " + host + " (" + why + ")");
    }

    private long notifies(int host) throws StepFailed {
        try {
            return ServerStatus.of(fleet.server(host).pid()).notifies();
        } catch (IOException e) {
            throw new StepFailed("cannot read the status of " + Fig1Table.hostName(host) + ": " + e.getMessage(), e);
        }
    }

    /** What FIG. 1 says host {@code .host} serves: {@code ACTIVE at} its endpoint, else {@code PARKED}. */
    private Map<String, String> expected(int host) {
        Map<String, String> expected = new LinkedHashMap<>();
        for (String service : SERVICES) {
            expected.put(service, "PARKED");
        }
        for (Fig1Table.Row row : Fig1Table.ROWS) {
            if (row.host() == host) {
                expected.put(row.service() + "/tcp", "ACTIVE at " + table.endpoint(row));
            }
        }
        if (Fig1Table.SIP.host() == host) {
            expected.put("sip/udp", "ACTIVE at " + table.endpoint(Fig1Table.SIP));
        }
        return expected;
    }

    private String expectedAll() {
        List<String> all = new ArrayList<>();
        for (int host : Fig1Table.HOSTS) {
            all.add(Fig1Table.hostName(host) + " " + expected(host));
        }
        return String.join("; ", all);
    }
}
