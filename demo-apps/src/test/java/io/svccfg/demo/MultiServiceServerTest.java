package io.svccfg.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The command lines of the services, in real child JVMs: their stdout lines and exit statuses. */
class MultiServiceServerTest {
    private static final Pattern LISTENING = Pattern.compile("(http|smtp|sip) listening on \\S+:([0-9]+)");

    @Test
    void runsAllThreeServicesAndAnnouncesEach() throws Exception {
        try (Child child = Child.start(MultiServiceServer.class, "--host", "multi-test", "--http-port", "0",
                "--smtp-port", "0", "--sip-port", "0")) {
            int http = port(child.awaitLine("http listening on ", 1));
            int smtp = port(child.awaitLine("smtp listening on ", 1));
            int sip = port(child.awaitLine("sip listening on ", 1));
            assertEquals(3, child.stdout.size(), child::toString);
            assertTrue(child.stdout.stream().allMatch(line -> LISTENING.matcher(line).matches()), child::toString);

            HttpResponse<String> page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + http + "/")).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals("http served by multi-test at 127.0.0.1:" + http + "\n", page.body());

            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(Clients.LOOPBACK, smtp), 10_000);
                socket.setSoTimeout(10_000);
                BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                        StandardCharsets.US_ASCII));
                assertEquals("220 multi-test svccfg-demo SMTP at 127.0.0.1:" + smtp, in.readLine());
            }

            try (DatagramSocket client = Clients.udpClient()) {
                byte[] options = ("OPTIONS sip:multi-test SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.1:"
                        + client.getLocalPort() + ";branch=z9hG4bK-m\r\nFrom: <sip:a@example.test>;tag=1\r\n"
                        + "To: <sip:multi-test>\r\nCall-ID: m\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII);
                client.send(new DatagramPacket(options, options.length,
                        new InetSocketAddress(Clients.LOOPBACK, sip)));
                DatagramPacket reply = new DatagramPacket(new byte[65535], 65535);
                client.receive(reply);
                String answer = new String(reply.getData(), 0, reply.getLength(), StandardCharsets.US_ASCII);
                assertTrue(answer.startsWith("SIP/2.0 200 OK\r\n"), answer);
                assertTrue(answer.contains("\r\nServer: svccfg-demo multi-test at "), answer);
            }
        }
    }

    @Test
    void aBadOptionIsOneLineOnStderrAndExit2() throws Exception {
        try (Child child = Child.start(MultiServiceServer.class, "--smtp-port", "0", "--port", "80")) {
            assertEquals(2, child.awaitExit());
            assertEquals(List.of(), child.stdout);
            assertEquals(List.of("USAGE ERROR: unknown option '--port'. usage: java -cp svccfg-demo.jar"
                    + " io.svccfg.demo.MultiServiceServer [--host NAME] [--http-port P] [--smtp-port P]"
                    + " [--sip-port P]"), child.stderr);
        }
    }

    @Test
    void eachServiceHasItsOwnCommandLine() throws Exception {
        for (Class<?> main : List.of(HttpService.class, SmtpService.class, SipService.class)) {
            try (Child child = Child.start(main, "--port", "0", "--host", "one")) {
                String protocol = main.getSimpleName().replace("Service", "").toLowerCase(java.util.Locale.ROOT);
                child.awaitLine(protocol + " listening on ", 1);
                assertEquals(1, child.stdout.size(), child::toString);
            }
            try (Child child = Child.start(main, "--port", "65536")) {
                assertEquals(2, child.awaitExit());
                assertEquals(List.of("USAGE ERROR: --port needs a number from 0 to 65535, not '65536'. usage: java"
                        + " -cp svccfg-demo.jar " + main.getName() + " [--host NAME] [--port P]"), child.stderr);
            }
        }
    }

    @Test
    void aTakenPortIsBindFailedAndExit3() throws Exception {
        try (ServerSocket taken = new ServerSocket(0);
                Child child = Child.start(MultiServiceServer.class, "--http-port", "0", "--smtp-port",
                        String.valueOf(taken.getLocalPort()), "--sip-port", "0")) {
            assertEquals(3, child.awaitExit());
            assertEquals(2, child.stdout.size(), child::toString);
            assertTrue(child.stdout.get(0).startsWith("http listening on "), child::toString);
            assertEquals("BIND FAILED smtp BindException: Address already in use", child.stdout.get(1));
        }
    }

    private static int port(String line) {
        var matcher = LISTENING.matcher(line);
        assertTrue(matcher.matches(), line);
        return Integer.parseInt(matcher.group(2));
    }
}
