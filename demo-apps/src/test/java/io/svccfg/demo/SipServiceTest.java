package io.svccfg.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link SipService} in this JVM on port 0, asked over UDP from a Java DatagramSocket. */
class SipServiceTest {
    private static final String NAME = "sip-test";

    private SipService service;
    private DatagramSocket client;

    @BeforeEach
    void start() throws IOException {
        service = SipService.start(0, NAME);
        client = Clients.udpClient();
    }

    @AfterEach
    void close() {
        client.close();
        service.close();
    }

    @Test
    void optionsIsAnswered200WithTheHeadersCopiedAndATagAdded() throws IOException {
        send(options("call-1@client.test", "t: <sip:b@example.test>"));
        List<String> lines = answerLines();
        assertEquals("SIP/2.0 200 OK", lines.get(0));
        assertEquals(List.of(
                "Via: SIP/2.0/UDP 127.0.0.1:" + client.getLocalPort() + ";branch=z9hG4bK-1",
                "Via: SIP/2.0/UDP proxy.example.test ;branch=z9hG4bK-0", // unfolded
                "From: \"A\" <sip:a@example.test>;tag=from-1"), lines.subList(1, 4));
        assertTrue(Pattern.matches("To: <sip:b@example.test>;tag=[0-9a-f]+", lines.get(4)), lines.get(4));
        assertEquals(List.of(
                "Call-ID: call-1@client.test",
                "CSeq: 7 OPTIONS",
                "Allow: OPTIONS",
                "Accept: application/sdp",
                "Server: svccfg-demo " + NAME + " at " + Addresses.format(service.localAddress()),
                "Content-Length: 0",
                ""), lines.subList(5, lines.size()));
    }

    @Test
    void aToThatHasATagKeepsIt() throws IOException {
        send(options("call-2", "To: <sip:b@example.test>;tag=kept"));
        assertTrue(answerLines().contains("To: <sip:b@example.test>;tag=kept"));
    }

    @Test
    void anotherMethodIs501WithTheSameHeaders() throws IOException {
        send(options("call-3", "t: <sip:b@example.test>").replace("OPTIONS", "INVITE"));
        List<String> lines = answerLines();
        assertEquals("SIP/2.0 501 Not Implemented", lines.get(0));
        assertTrue(lines.contains("Call-ID: call-3"), lines::toString);
        assertTrue(lines.contains("CSeq: 7 INVITE"), lines::toString);
        assertFalse(lines.contains("Accept: application/sdp"), lines::toString);
    }

    /** Datagrams that get no answer, then an OPTIONS: the first datagram back must be the OPTIONS's answer. */
    @Test
    void garbageAckAndResponsesGetNoAnswerAndStopNothing() throws IOException {
        byte[] noise = new byte[300];
        Arrays.fill(noise, (byte) 0xff);
        send(new String(noise, StandardCharsets.ISO_8859_1));
        send("hello\r\n\r\n");
        send("\r\n\r\n"); // a keep-alive
        send(options("call-ack", "t: <sip:b@example.test>").replace("OPTIONS", "ACK"));
        send("SIP/2.0 200 OK\r\n" + options("call-resp", "t: <sip:b@example.test>").split("\r\n", 2)[1]);
        send(options("call-no-via", "t: <sip:b@example.test>").replaceAll("(?m)^(Via|v):.*\r\n( .*\r\n)?", ""));
        send(options("call-4", "t: <sip:b@example.test>"));
        List<String> lines = answerLines();
        assertEquals("SIP/2.0 200 OK", lines.get(0));
        assertTrue(lines.contains("Call-ID: call-4"), lines::toString);
    }

    /** An OPTIONS from this test's client, with a compact Via and a full one, compact From and Call-ID. */
    private String options(String callId, String toHeader) {
        return "OPTIONS sip:" + NAME + " SIP/2.0\r\n"
                + "v: SIP/2.0/UDP 127.0.0.1:" + client.getLocalPort() + ";branch=z9hG4bK-1\r\n"
                + "Via: SIP/2.0/UDP proxy.example.test\r\n ;branch=z9hG4bK-0\r\n" // folded, RFC 3261 7.3.1
                + "Max-Forwards: 70\r\n"
                + "f: \"A\" <sip:a@example.test>;tag=from-1\r\n"
                + toHeader + "\r\n"
                + "i: " + callId + "\r\n"
                + "CSeq: 7 OPTIONS\r\n"
                + "Accept: application/sdp\r\n"
                + "Content-Length: 0\r\n\r\n";
    }

    private void send(String text) throws IOException {
        byte[] data = text.getBytes(StandardCharsets.UTF_8);
        client.send(new DatagramPacket(data, data.length, new InetSocketAddress(Clients.LOOPBACK,
                service.localPort())));
    }

    /** The next datagram back, split at CRLF, after checking it has no bare LF and ends with an empty line. */
    private List<String> answerLines() throws IOException {
        DatagramPacket reply = new DatagramPacket(new byte[65535], 65535);
        client.receive(reply);
        String text = new String(reply.getData(), 0, reply.getLength(), StandardCharsets.UTF_8);
        assertFalse(Pattern.compile("[^\r]\n").matcher(text).find(), () -> "a bare LF in " + text);
        assertTrue(text.endsWith("\r\n\r\n"), text);
        return List.of(text.substring(0, text.length() - 2).split("\r\n", -1));
    }
}
