package io.svccfg.demo.dns;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Record;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TSIG;

/** The test zone, key and a running server that logs into a list. */
final class Fixtures {
    static final String SECRET = "c2VjcmV0IGtleSBieXRlcw==";
    static final String KEY_OPTION = "demo-key:hmac-sha256:" + SECRET;
    static final Name ORIGIN = Name.fromConstantString("example.test.");
    static final Duration PATIENCE = Duration.ofSeconds(15);

    /** FIG. 1-like: SRV for http, addresses, a TXT, a CNAME, and one name whose TXT alone exceeds 512 bytes. */
    static final String ZONE = String.join("\n",
            "$ORIGIN example.test.",
            "$TTL 300",
            "@          IN SOA  ns1 hostmaster 7 3600 600 86400 60",
            "@          IN NS   ns1",
            "ns1        IN A    127.0.0.1",
            "host121    IN A    10.10.10.121",
            "host122    IN A    10.10.10.122",
            "host122    IN AAAA fd00::122",
            "_http._tcp IN SRV  1 100 80 host121",
            "_http._tcp IN SRV  1 100 80 host122",
            "txt        IN TXT  \"hello\"",
            "alias      IN CNAME host121",
            "big        IN TXT  " + "\"" + "x".repeat(200) + "\" \"" + "y".repeat(200) + "\" \"" + "z".repeat(200) + "\"",
            "");

    private Fixtures() {
    }

    static TSIG key() {
        return TsigKeys.parse(KEY_OPTION);
    }

    static DnsZone zone() throws ZoneFileException {
        return DnsZone.fromText(ZONE, Optional.empty());
    }

    static Name name(String relative) {
        return Name.fromConstantString(relative.isEmpty() ? "example.test." : relative + ".example.test.");
    }

    /** A server on any free port with the test key, its lines kept. */
    static final class Running implements AutoCloseable {
        final List<String> log = new CopyOnWriteArrayList<>();
        final DnsServer server;

        Running(Optional<TSIG> key, List<InetSocketAddress> notify) throws Exception {
            server = DnsServer.start(zone(), new InetSocketAddress("127.0.0.1", 0), notify, key, log::add);
        }

        Running() throws Exception {
            this(Optional.of(key()), List.of());
        }

        SimpleResolver resolver(boolean tcp) {
            SimpleResolver r = new SimpleResolver(server.address());
            r.setTCP(tcp);
            r.setTimeout(Duration.ofSeconds(5));
            return r;
        }

        Message query(String relative, int type, boolean tcp) throws IOException {
            return resolver(tcp).send(Message.newQuery(Record.newRecord(name(relative), type, DClass.IN)));
        }

        Message query(Name name, int type, boolean tcp) throws IOException {
            return resolver(tcp).send(Message.newQuery(Record.newRecord(name, type, DClass.IN)));
        }

        /** Record data of one RRset, as text, read back through a real query. */
        List<String> data(String relative, int type) throws IOException {
            return query(relative, type, false).getSection(org.xbill.DNS.Section.ANSWER).stream()
                    .filter(r -> r.getType() == type).map(Record::rdataToString).sorted().toList();
        }

        @Override
        public void close() {
            server.close();
        }
    }

    /** One UDP exchange of raw bytes, for what a resolver would hide (truncation, garbage, signatures). */
    static byte[] udp(InetSocketAddress server, byte[] request) throws IOException {
        try (DatagramSocket socket = new DatagramSocket()) {
            socket.setSoTimeout((int) Duration.ofSeconds(5).toMillis());
            socket.send(new DatagramPacket(request, request.length, server));
            byte[] buffer = new byte[65535];
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            socket.receive(packet);
            return Arrays.copyOf(buffer, packet.getLength());
        }
    }

    static Record question(String relative, int type) {
        return Record.newRecord(name(relative), type, DClass.IN);
    }
}
