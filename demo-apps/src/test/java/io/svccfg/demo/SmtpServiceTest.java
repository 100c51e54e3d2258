package io.svccfg.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link SmtpService} in this JVM on port 0, spoken to by curl and by a Java socket that checks every reply code. */
class SmtpServiceTest {
    private static final String NAME = "mx-test";
    private static final String CURL = "/usr/bin/curl";

    private final BlockingQueue<String> reported = new LinkedBlockingQueue<>();
    private SmtpService service;

    @AfterEach
    void close() {
        if (service != null) {
            service.close();
        }
    }

    private int start(int readTimeoutMillis) throws IOException {
        service = SmtpService.start(0, NAME, readTimeoutMillis, reported::add);
        return service.localPort();
    }

    @Test
    void curlDeliversAMessage(@TempDir Path dir) throws Exception {
        int port = start(SmtpService.READ_TIMEOUT_MILLIS);
        assertTrue(Files.isExecutable(Path.of(CURL)), "this test needs curl at " + CURL);
        // CRLF lines, as a message is on the wire; the dotted line makes curl stuff it and the service unstuff it.
        byte[] message = ("From: a@example.test\r\nTo: b@example.test\r\nSubject: hello\r\n\r\n"
                + ".a line that starts with a dot\r\nthe end\r\n").getBytes(StandardCharsets.US_ASCII);
        Path file = Files.write(dir.resolve("message.eml"), message);
        Process curl = new ProcessBuilder(CURL, "-sS", "--max-time", "20", "--url", "smtp://127.0.0.1:" + port,
                "--mail-from", "a@example.test", "--mail-rcpt", "b@example.test", "--upload-file", file.toString())
                .redirectErrorStream(true).start();
        String output = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(curl.waitFor(30, TimeUnit.SECONDS), "curl ends");
        assertEquals(0, curl.exitValue(), () -> "curl: " + output);
        assertEquals("smtp " + NAME + " accepted message 1 from <a@example.test> to [<b@example.test>] ("
                + message.length + " bytes) at 127.0.0.1:" + port, reported.poll(10, TimeUnit.SECONDS));
    }

    @Test
    void aDialogueGetsTheReplyCodesOfRfc5321() throws Exception {
        int port = start(SmtpService.READ_TIMEOUT_MILLIS);
        try (Client client = new Client(port)) {
            assertEquals(List.of("220 " + NAME + " svccfg-demo SMTP at 127.0.0.1:" + port), client.reply());
            assertEquals("503", client.code("MAIL FROM:<a@example.test>"), "MAIL before EHLO");
            assertEquals(List.of("250-" + NAME + " greets client.test", "250-8BITMIME", "250-SIZE 1048576",
                    "250 HELP"), client.ask("EHLO client.test"));
            assertEquals("503", client.code("RCPT TO:<b@example.test>"), "RCPT before MAIL");
            assertEquals("503", client.code("DATA"), "DATA before MAIL");
            assertEquals("250", client.code("MAIL FROM:<a@example.test>"));
            assertEquals("503", client.code("MAIL FROM:<c@example.test>"), "a second MAIL in the transaction");
            assertEquals("503", client.code("DATA"), "DATA before RCPT");
            assertEquals("250", client.code("RCPT TO:<b@example.test>"));
            assertEquals("250", client.code("RCPT TO:<c@example.test>"));
            assertEquals("354", client.code("DATA"));
            // Stuffed lines lose their first dot: 5 + 2, 1 + 2 and 3 + 2 bytes, CRLFs counted.
            client.send("Hi...");
            client.send("..");
            client.send("..ok");
            assertEquals(List.of("250 OK: queued as 1 by " + NAME), client.ask("."));
            assertEquals("smtp " + NAME + " accepted message 1 from <a@example.test> to [<b@example.test>,"
                    + " <c@example.test>] (15 bytes) at 127.0.0.1:" + port, reported.poll(10, TimeUnit.SECONDS));

            assertEquals("503", client.code("RCPT TO:<b@example.test>"), "the transaction ended with DATA");
            assertEquals("250", client.code("MAIL FROM:<>"), "the null reverse path");
            assertEquals("250", client.code("RSET"));
            assertEquals("503", client.code("RCPT TO:<b@example.test>"), "RSET ended the transaction");
            assertEquals("250", client.code("NOOP"));
            assertEquals("252", client.code("VRFY someone"));
            assertEquals("500", client.code("FOO bar"));
            assertEquals("501", client.code("MAIL FROM:a@example.test"), "a path without brackets");
            assertEquals("501", client.code("MAIL TO:<a@example.test>"));
            assertEquals("555", client.code("MAIL FROM:<a@example.test> COLOR=blue"));
            assertEquals("552", client.code("MAIL FROM:<a@example.test> SIZE=2000000"));
            assertEquals("501", client.code("HELO"));
            assertEquals(List.of("250 " + NAME), client.ask("HELO client.test"));
            assertEquals(List.of("221 " + NAME + " closing"), client.ask("QUIT"));
            assertNull(client.in.readLine(), "QUIT closes the connection");
        }
        assertNull(reported.poll(), "one message only");
    }

    @Test
    void lowerCaseCommandsAndBareLineFeedsAreAccepted() throws Exception {
        try (Client client = new Client(start(SmtpService.READ_TIMEOUT_MILLIS))) {
            client.reply();
            client.end = "\n";
            assertEquals("250", client.code("helo client.test"));
            assertEquals("250", client.code("mail from:<a@example.test>"));
            assertEquals("250", client.code("rcpt to:<b@example.test>"));
            assertEquals("354", client.code("data"));
            client.send("x");
            assertEquals("250", client.code("."));
            assertTrue(reported.poll(10, TimeUnit.SECONDS).endsWith(" (3 bytes) at 127.0.0.1:" + service.localPort()),
                    "a bare LF ends a line like CRLF");
        }
    }

    @Test
    void tooLongALineIs500AndTooBigAMessage552() throws Exception {
        try (Client client = new Client(start(SmtpService.READ_TIMEOUT_MILLIS))) {
            client.reply();
            assertEquals("500", client.code("NOOP " + "x".repeat(2000)));
            assertEquals("250", client.code("NOOP"), "the session goes on after a long line");
            client.ask("EHLO client.test");
            client.code("MAIL FROM:<a@example.test>");
            client.code("RCPT TO:<b@example.test>");
            assertEquals("354", client.code("DATA"));
            String line = "y".repeat(998);
            for (int i = 0; i <= SmtpSession.MAX_MESSAGE / 1000; i++) {
                client.send(line); // 1000 bytes a line with CRLF: one line more than fits
            }
            assertEquals("552", client.code("."));
            assertEquals("503", client.code("RCPT TO:<b@example.test>"), "the refused message ended the transaction");
        }
        assertNull(reported.poll(), "nothing accepted");
    }

    @Test
    void anIdleClientIsToldAndDisconnected() throws Exception {
        try (Client client = new Client(start(300))) {
            client.reply();
            assertEquals(List.of("421 " + NAME + " timeout, closing connection"), client.reply());
            assertNull(client.in.readLine());
        }
    }

    @Test
    void closingTheServiceStopsIt() throws Exception {
        start(SmtpService.READ_TIMEOUT_MILLIS);
        service.close();
        service.stopped().get(10, TimeUnit.SECONDS); // completes normally: the close was wanted
    }

    /** A line-by-line SMTP client that reads every reply whole. */
    private static final class Client implements AutoCloseable {
        private final Socket socket = new Socket();
        final BufferedReader in;
        private final OutputStream out;
        String end = "\r\n";

        Client(int port) throws IOException {
            socket.connect(new InetSocketAddress(Clients.LOOPBACK, port), 10_000);
            socket.setSoTimeout(10_000);
            in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            out = socket.getOutputStream();
        }

        void send(String line) throws IOException {
            out.write((line + end).getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }

        /** The lines of one reply, up to the one with a space after its code. */
        List<String> reply() throws IOException {
            List<String> lines = new ArrayList<>();
            while (true) {
                String line = in.readLine();
                if (line == null) {
                    throw new IOException("connection closed after " + lines);
                }
                lines.add(line);
                if (line.length() < 4 || line.charAt(3) == ' ') {
                    return lines;
                }
            }
        }

        List<String> ask(String command) throws IOException {
            send(command);
            return reply();
        }

        /** The code of the reply to the command, checking it is one line. */
        String code(String command) throws IOException {
            List<String> reply = ask(command);
            assertEquals(1, reply.size(), () -> command + ": " + reply);
            return reply.get(0).substring(0, 3);
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
