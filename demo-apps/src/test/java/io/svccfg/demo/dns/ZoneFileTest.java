package io.svccfg.demo.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.Name;

/** Zone files that must not be served, and what the error says about them. */
class ZoneFileTest {
    @TempDir
    Path dir;

    private ZoneFileException load(String text) throws Exception {
        Path file = dir.resolve("bad.zone");
        Files.writeString(file, text);
        ZoneFileException e = assertThrows(ZoneFileException.class, () -> DnsZone.fromFile(file, Optional.empty()));
        assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("; expected "), e.getMessage());
        return e;
    }

    @Test
    void goodFileLoads() throws Exception {
        Path file = dir.resolve("good.zone");
        Files.writeString(file, Fixtures.ZONE);
        DnsZone zone = DnsZone.fromFile(file, Optional.empty());
        assertEquals(Fixtures.ORIGIN, zone.origin());
        assertEquals(7, zone.serial());
        assertEquals(11, zone.size());
    }

    @Test
    void originFromTheOptionMakesRelativeNamesWork() throws Exception {
        DnsZone zone = DnsZone.fromText("$TTL 60\n@ SOA ns1 hm 3 1 1 1 1\n@ NS ns1\nns1 A 127.0.0.1\n",
                Optional.of(Name.fromConstantString("other.test.")));
        assertEquals("other.test.", zone.origin().toString());
        assertEquals(3, zone.serial());
    }

    @Test
    void noSoa() throws Exception {
        ZoneFileException e = load("$ORIGIN example.test.\n$TTL 60\n@ NS ns1\nns1 A 127.0.0.1\n");
        assertTrue(e.getMessage().contains("no SOA record"), e.getMessage());
    }

    @Test
    void recordOutsideTheZone() throws Exception {
        ZoneFileException e = load("$ORIGIN example.test.\n$TTL 60\n@ SOA ns1 hm 1 1 1 1 1\n@ NS ns1\n"
                + "www.example.com. A 10.0.0.1\n");
        assertTrue(e.getMessage().contains("is outside zone example.test."), e.getMessage());
        assertTrue(e.getMessage().contains("www.example.com."), e.getMessage());
    }

    @Test
    void syntaxErrorNamesTheLine() throws Exception {
        ZoneFileException e = load("$ORIGIN example.test.\n$TTL 60\n@ SOA ns1 hm 1 1 1 1 1\n@ NS ns1\n"
                + "ns1 A 10.0.0.999\n");
        assertEquals(5, e.line().orElseThrow());
        assertTrue(e.getMessage().contains(" line 5: "), e.getMessage());
        assertTrue(e.getMessage().contains("Invalid address"), e.getMessage());
    }

    @Test
    void relativeNamesWithoutAnOrigin() throws Exception {
        ZoneFileException e = load("$TTL 60\n@ SOA ns1 hm 1 1 1 1 1\n");
        assertTrue(e.getMessage().contains("$ORIGIN"), e.getMessage());
    }

    @Test
    void missingFile() {
        ZoneFileException e = assertThrows(ZoneFileException.class,
                () -> DnsZone.fromFile(dir.resolve("none.zone"), Optional.empty()));
        assertTrue(e.getMessage().contains("none.zone") && e.getMessage().contains("cannot read"), e.getMessage());
    }

    @Test
    void textGetsALabel() {
        ZoneFileException e = assertThrows(ZoneFileException.class,
                () -> DnsZone.fromText("$ORIGIN example.test.\n@ 60 NS ns1\n", Optional.empty()));
        assertTrue(e.getMessage().startsWith("zone text: "), e.getMessage());
    }
}
