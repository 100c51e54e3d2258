package io.svccfg.demo.dns;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.TSIG;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;
import org.xbill.DNS.Update;

/** RFC 2136 updates: from BIND's nsupdate, and from dnsjava for the cases nsupdate cannot put into words. */
class UpdateTest {
    private static final String GOOD = "hmac-sha256:demo-key:" + Fixtures.SECRET;
    private static final String WRONG = "hmac-sha256:demo-key:d3JvbmcgYnl0ZXMgaGVyZQ==";
    private static final List<String> MOVE_HTTP = List.of("zone example.test",
            "update delete _http._tcp.example.test SRV",
            "update add _http._tcp.example.test 300 SRV 1 100 8080 host122.example.test.");

    private Fixtures.Running dns;

    @BeforeEach
    void start() throws Exception {
        dns = new Fixtures.Running();
    }

    @AfterEach
    void stop() {
        dns.close();
    }

    @Test
    void nsupdateWithTheKeyChangesTheZoneAndBumpsTheSerial() throws Exception {
        Tools.Run run = Tools.nsupdate(dns.server, GOOD, MOVE_HTTP.toArray(String[]::new));
        assertEquals(0, run.exit(), run.output());
        assertEquals(List.of("1 100 8080 host122.example.test."), dns.data("_http._tcp", Type.SRV));
        assertEquals(8, dns.server.serial());
        assertEquals(List.of("ns1.example.test. hostmaster.example.test. 8 3600 600 86400 60"),
                dns.data("", Type.SOA));
        assertTrue(dns.log.contains("update from 127.0.0.1:" + portIn(dns.log.get(dns.log.size() - 1))
                + ": +1 -2 records, serial 8"), dns.log.toString());
    }

    @Test
    void nsupdateWithAWrongKeyIsRefusedAndChangesNothing() throws Exception {
        Tools.Run run = Tools.nsupdate(dns.server, WRONG, MOVE_HTTP.toArray(String[]::new));
        assertNotEquals(0, run.exit(), run.output());
        assertTrue(run.output().contains("BADSIG") || run.output().contains("tsig"), run.output());
        assertUnchanged();
        assertTrue(dns.log.get(dns.log.size() - 1).endsWith("refused: NOTAUTH (TSIG BADSIG for key demo-key.)"),
                dns.log.toString());
    }

    @Test
    void nsupdateWithAnotherKeyNameIsBadkey() throws Exception {
        Tools.Run run = Tools.nsupdate(dns.server, "hmac-sha256:other-key:" + Fixtures.SECRET,
                MOVE_HTTP.toArray(String[]::new));
        assertNotEquals(0, run.exit(), run.output());
        assertUnchanged();
        assertTrue(dns.log.get(dns.log.size() - 1).contains("NOTAUTH (TSIG BADKEY"), dns.log.toString());
    }

    @Test
    void unsignedNsupdateIsRefusedAndChangesNothing() throws Exception {
        Tools.Run run = Tools.nsupdate(dns.server, null, MOVE_HTTP.toArray(String[]::new));
        assertNotEquals(0, run.exit(), run.output());
        assertTrue(run.output().contains("REFUSED"), run.output());
        assertUnchanged();
    }

    @Test
    void failingPrerequisiteChangesNothing() throws Exception {
        Tools.Run run = Tools.nsupdate(dns.server, GOOD, "zone example.test",
                "prereq nxrrset _http._tcp.example.test SRV",
                "update delete _http._tcp.example.test SRV",
                "update add _http._tcp.example.test 300 SRV 1 100 8080 host122.example.test.");
        assertNotEquals(0, run.exit(), run.output());
        assertTrue(run.output().contains("YXRRSET"), run.output());
        assertUnchanged();
    }

    @Test
    void holdingPrerequisiteLetsTheUpdateThrough() throws Exception {
        Tools.Run run = Tools.nsupdate(dns.server, GOOD, "zone example.test",
                "prereq yxrrset _http._tcp.example.test SRV 1 100 80 host121.example.test.",
                "prereq nxdomain new.example.test",
                "update add new.example.test 300 A 10.10.10.200");
        // value-dependent YXRRSET names only one of the two SRV records: the sets differ, so NXRRSET
        assertTrue(run.output().contains("NXRRSET"), run.output());
        assertUnchanged();
        run = Tools.nsupdate(dns.server, GOOD, "zone example.test",
                "prereq yxrrset _http._tcp.example.test SRV",
                "prereq yxdomain host121.example.test",
                "prereq nxdomain new.example.test",
                "update add new.example.test 300 A 10.10.10.200");
        assertEquals(0, run.exit(), run.output());
        assertEquals(List.of("10.10.10.200"), dns.data("new", Type.A));
    }

    @Test
    void recordOutsideTheZoneIsNotzoneAndNothingChanges() throws Exception {
        Tools.Run run = Tools.nsupdate(dns.server, GOOD, "zone example.test",
                "update add new.example.test 300 A 10.10.10.200",
                "update add www.example.com 300 A 10.10.10.201");
        assertNotEquals(0, run.exit(), run.output());
        assertTrue(run.output().contains("NOTZONE"), run.output());
        assertUnchanged();
        assertEquals(List.of(), dns.data("new", Type.A), "the in-zone half was not applied either");
    }

    @Test
    void anotherZoneIsNotauth() throws Exception {
        Update update = new Update(Name.fromConstantString("example.com."));
        update.add(Name.fromConstantString("a.example.com."), Type.A, 300, "10.0.0.1");
        assertEquals(Rcode.NOTAUTH, send(update).getRcode());
        assertUnchanged();
    }

    @Test
    void deleteOneRecordAndAllOfAName() throws Exception {
        Update one = update();
        one.delete(Record.fromString(Fixtures.name("_http._tcp"), Type.SRV, DClass.IN, 0,
                "1 100 80 host121.example.test.", Name.root));
        assertEquals(Rcode.NOERROR, send(one).getRcode());
        assertEquals(List.of("1 100 80 host122.example.test."), dns.data("_http._tcp", Type.SRV));

        Update all = update();
        all.delete(Fixtures.name("host122"));
        assertEquals(Rcode.NOERROR, send(all).getRcode());
        assertEquals(Rcode.NXDOMAIN, dns.query("host122", Type.A, false).getRcode());
        assertEquals(9, dns.server.serial(), "one bump per update");
        assertTrue(dns.log.get(dns.log.size() - 1).endsWith(": +0 -2 records, serial 9"), dns.log.toString());
    }

    @Test
    void apexSoaAndNsSurviveDeletingEverythingAtTheApex() throws Exception {
        Update update = update();
        update.delete(Fixtures.ORIGIN);
        update.delete(Fixtures.ORIGIN, Type.NS);
        assertEquals(Rcode.NOERROR, send(update).getRcode());
        assertEquals(7, dns.server.serial(), "nothing changed, so no bump");
        assertEquals(1, dns.data("", Type.NS).size());
    }

    @Test
    void updateThatSetsALargerSerialKeepsIt() throws Exception {
        Update update = update();
        update.add(new SOARecord(Fixtures.ORIGIN, DClass.IN, 300, Fixtures.name("ns1"), Fixtures.name("hostmaster"),
                2024010100L, 3600, 600, 86400, 60));
        update.add(new TXTRecord(Fixtures.name("txt"), DClass.IN, 300, "again"));
        assertEquals(Rcode.NOERROR, send(update).getRcode());
        assertEquals(2024010100L, dns.server.serial());

        Update smaller = update();
        smaller.add(new SOARecord(Fixtures.ORIGIN, DClass.IN, 300, Fixtures.name("ns1"), Fixtures.name("hostmaster"),
                5, 3600, 600, 86400, 60));
        smaller.add(new TXTRecord(Fixtures.name("txt"), DClass.IN, 300, "third"));
        assertEquals(Rcode.NOERROR, send(smaller).getRcode());
        assertEquals(2024010101L, dns.server.serial(), "a smaller serial is ignored (RFC 2136 3.4.2.2); bumped");
    }

    @Test
    void serialWrapsAfterTheLargest() throws Exception {
        Update update = update();
        update.add(new SOARecord(Fixtures.ORIGIN, DClass.IN, 300, Fixtures.name("ns1"), Fixtures.name("hostmaster"),
                4294967295L - 1, 3600, 600, 86400, 60));
        assertEquals(Rcode.NOERROR, send(update).getRcode());
        // 2^32 - 2 is more than half the serial space ahead of 7, so not greater (RFC 1982): ignored, no change.
        assertEquals(7, dns.server.serial());
        assertEquals(0, Serials.next(4294967295L));
        assertTrue(Serials.greater(0, 4294967295L));
        assertTrue(Serials.greater(8, 7));
    }

    @Test
    void signedResponseVerifiesWithTheKey() throws Exception {
        TSIG key = Fixtures.key();
        Update update = update();
        update.add(new ARecord(Fixtures.name("new"), DClass.IN, 300, java.net.InetAddress.getByName("10.1.1.1")));
        key.apply(update, null);
        byte[] wire = Fixtures.udp(dns.server.address(), update.toWire());
        Message response = new Message(wire);
        assertEquals(Rcode.NOERROR, response.getRcode());
        assertEquals(Rcode.NOERROR, key.verify(response, wire, update.getTSIG()));
    }

    @Test
    void withoutAKeyEveryUpdateIsRefused() throws Exception {
        try (Fixtures.Running open = new Fixtures.Running(Optional.empty(), List.of())) {
            assertTrue(open.log.get(0).endsWith("updates refused (no TSIG key set)"), open.log.toString());
            Tools.Run run = Tools.nsupdate(open.server, GOOD, MOVE_HTTP.toArray(String[]::new));
            assertNotEquals(0, run.exit(), run.output());
            Update unsigned = update();
            unsigned.add(Fixtures.name("new"), Type.A, 300, "10.1.1.1");
            assertEquals(Rcode.REFUSED, open.resolver(false).send(unsigned).getRcode());
            assertEquals(7, open.server.serial());
        }
    }

    @Test
    void queriesDuringUpdatesSeeWholeVersions() throws Exception {
        // Each update swaps a 3-record TXT set for another; a query must see 3 records of one generation.
        java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
        java.util.concurrent.atomic.AtomicReference<String> mix = new java.util.concurrent.atomic.AtomicReference<>();
        java.util.concurrent.atomic.AtomicInteger reads = new java.util.concurrent.atomic.AtomicInteger();
        Thread reader = new Thread(() -> {
            while (!done.get() && mix.get() == null) {
                try {
                    List<String> txt = dns.data("gen", Type.TXT);
                    reads.incrementAndGet();
                    if (!txt.isEmpty() && (txt.size() != 3 || txt.stream().map(t -> t.substring(1, 4)).distinct()
                            .count() != 1)) {
                        mix.set(txt.toString());
                    }
                } catch (java.io.IOException e) {
                    mix.set(e.toString());
                }
            }
        });
        reader.start();
        for (int generation = 100; generation < 160; generation++) {
            Update update = update();
            update.delete(Fixtures.name("gen"), Type.TXT);
            for (int i = 0; i < 3; i++) {
                update.add(new TXTRecord(Fixtures.name("gen"), DClass.IN, 300, generation + "-" + i));
            }
            assertEquals(Rcode.NOERROR, send(update).getRcode());
        }
        await().atMost(Fixtures.PATIENCE).until(() -> reads.get() > 20);
        done.set(true);
        reader.join(Fixtures.PATIENCE.toMillis());
        assertEquals(null, mix.get());
        assertEquals(7 + 60, dns.server.serial());
    }

    private Update update() {
        return new Update(Fixtures.ORIGIN);
    }

    private Message send(Message update) throws Exception {
        var resolver = dns.resolver(false);
        resolver.setTSIGKey(Fixtures.key());
        return resolver.send(update);
    }

    private void assertUnchanged() throws Exception {
        assertEquals(7, dns.server.serial());
        assertEquals(List.of("1 100 80 host121.example.test.", "1 100 80 host122.example.test."),
                dns.data("_http._tcp", Type.SRV));
    }

    private static String portIn(String line) {
        return line.replaceAll("^update from 127\\.0\\.0\\.1:(\\d+):.*", "$1");
    }
}
