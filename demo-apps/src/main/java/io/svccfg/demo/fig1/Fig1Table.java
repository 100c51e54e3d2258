package io.svccfg.demo.fig1;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.List;

/**
 * The patent's FIG. 1 as DNS records on five loopback "hosts" (every 127.x.y.z is local on Linux): http on .121 and
 * .122 at priority 1 and on .123 at priority 2; smtp on .123 at priority 1 and .124 at priority 2; .125 nothing.
 * The table's ports (80, 8080, 23) when this user may bind them, otherwise the same ports plus 10000.
 */
record Fig1Table(int portOffset) {
    static final String DOMAIN = "example.test";
    static final List<Integer> HOSTS = List.of(121, 122, 123, 124, 125);
    static final int OFFSET = 10_000;

    /** One row of the table: service, host, port, priority (all weights are 100). */
    record Row(String service, int host, int port, int priority) {
    }

    static final List<Row> ROWS = List.of(
            new Row("http", 121, 80, 1),
            new Row("http", 122, 80, 1),
            new Row("http", 123, 8080, 2),
            new Row("smtp", 123, 23, 1),
            new Row("smtp", 124, 23, 2));

    /**
     * SIP, beside the table: the listening point {@link #SIP_URI}, whose NAPTR record (SIP over UDP) names the SRV
     * records that give it to host125.
     */
    static final Row SIP = new Row("sip", 125, 5060, 1);
    static final String SIP_URI = "sip:sip." + DOMAIN;

    /** The row the demo's update changes: http at priority 2, from host123 to host125. */
    static final Row REASSIGNED = ROWS.get(2);

    /** The table's own ports if every one of them can be bound here, else all of them plus {@link #OFFSET}. */
    static Fig1Table forThisMachine() {
        for (Row row : ROWS) {
            if (!bindable(address(row.host()), row.port())) {
                return new Fig1Table(OFFSET);
            }
        }
        return new Fig1Table(0);
    }

    static String address(int host) {
        return "127.0.0." + host;
    }

    static String hostName(int host) {
        return "host" + host;
    }

    int port(Row row) {
        return row.port() + portOffset;
    }

    /** Where the row's service is served, {@code 127.0.0.121:80}. */
    String endpoint(Row row) {
        return address(row.host()) + ":" + port(row);
    }

    /** The zone, as a zone file; the name server is {@code ns1} at {@code nsAddress}. */
    String zone(String nsAddress) {
        StringBuilder zone = new StringBuilder("""
                $ORIGIN %s.
                $TTL 60
                @           SOA  ns1 hostmaster 1 3600 600 86400 60
                @           NS   ns1
                ns1         A    %s
                """.formatted(DOMAIN, nsAddress));
        for (Row row : ROWS) {
            zone.append("_%s._tcp  SRV  %d 100 %d %s\n".formatted(row.service(), row.priority(), port(row),
                    hostName(row.host())));
        }
        zone.append("sip            NAPTR 10 10 \"s\" \"SIP+D2U\" \"\" _sip._udp.sip\n");
        zone.append("_sip._udp.sip  SRV  %d 100 %d %s\n".formatted(SIP.priority(), port(SIP), hostName(SIP.host())));
        for (int host : HOSTS) {
            zone.append("%-11s A    %s\n".formatted(hostName(host), address(host)));
        }
        return zone.toString();
    }

    private static boolean bindable(String address, int port) {
        try (ServerSocket probe = new ServerSocket()) {
            probe.bind(new InetSocketAddress(InetAddress.getByName(address), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
