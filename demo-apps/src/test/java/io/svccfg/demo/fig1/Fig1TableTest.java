package io.svccfg.demo.fig1;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.svccfg.demo.dns.DnsZone;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.NAPTRRecord;
import org.xbill.DNS.SRVRecord;

class Fig1TableTest {

    @Test
    void theZoneHoldsFig1sFiveTuplesFiveHostsAndTheSipListeningPoint() throws Exception {
        DnsZone zone = DnsZone.fromText(new Fig1Table(0).zone("127.0.0.120"), Optional.empty());
        List<String> srv = zone.records().stream().filter(r -> r instanceof SRVRecord).map(r -> (SRVRecord) r)
                .map(r -> r.getName() + " " + r.getPriority() + " " + r.getWeight() + " " + r.getPort() + " "
                        + r.getTarget())
                .sorted().toList();
        assertEquals(List.of(
                "_http._tcp.example.test. 1 100 80 host121.example.test.",
                "_http._tcp.example.test. 1 100 80 host122.example.test.",
                "_http._tcp.example.test. 2 100 8080 host123.example.test.",
                "_sip._udp.sip.example.test. 1 100 5060 host125.example.test.",
                "_smtp._tcp.example.test. 1 100 23 host123.example.test.",
                "_smtp._tcp.example.test. 2 100 23 host124.example.test."), srv);
        List<String> hosts = zone.records().stream().filter(r -> r instanceof ARecord).map(r -> (ARecord) r)
                .map(r -> r.getName() + " " + r.getAddress().getHostAddress()).sorted().toList();
        assertEquals(List.of("host121.example.test. 127.0.0.121", "host122.example.test. 127.0.0.122",
                "host123.example.test. 127.0.0.123", "host124.example.test. 127.0.0.124",
                "host125.example.test. 127.0.0.125", "ns1.example.test. 127.0.0.120"), hosts);
        assertEquals(List.of("sip.example.test. NAPTR 10 10 \"s\" \"SIP+D2U\" \"\" _sip._udp.sip.example.test."),
                zone.records().stream().filter(r -> r instanceof NAPTRRecord)
                        .map(r -> r.getName() + " NAPTR " + r.rdataToString()).toList(), "what " + Fig1Table.SIP_URI
                        + " resolves through");
    }

    @Test
    void withTheOffsetEveryPortIsTenThousandHigher() {
        Fig1Table table = new Fig1Table(Fig1Table.OFFSET);
        assertEquals(List.of("127.0.0.121:10080", "127.0.0.122:10080", "127.0.0.123:18080", "127.0.0.123:10023",
                "127.0.0.124:10023"), Fig1Table.ROWS.stream().map(table::endpoint).toList());
    }
}
