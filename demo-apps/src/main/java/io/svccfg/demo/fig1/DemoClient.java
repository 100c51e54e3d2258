package io.svccfg.demo.fig1;

import io.svccfg.client.ServiceLocator;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * FIG. 1's client: it knows only the domain and its DNS server. Each request resolves the service's SRV records and
 * connects as RFC 2782 says (lowest priority first, by weight within it, failing over to the next server), through
 * svccfg's client API; it reports which host served it, as the server itself says.
 */
final class DemoClient {
    private static final Duration CONNECT = Duration.ofSeconds(2);

    private final ServiceLocator dns;

    DemoClient(String dnsHostPort) {
        this.dns = ServiceLocator.using(dnsHostPort);
    }

    /** GET / from the http server DNS picks: the page's one line, {@code http served by host121 at ...}. */
    String http() throws IOException {
        try (Socket socket = dns.connect(Fig1Table.DOMAIN, "http", CONNECT)) {
            socket.setSoTimeout(5000);
            write(socket, "GET / HTTP/1.0\r\nHost: " + Fig1Table.DOMAIN + "\r\n\r\n");
            BufferedReader in = reader(socket);
            String status = in.readLine();
            if (status == null || !status.contains(" 200 ")) {
                throw new IOException("http answered " + status);
            }
            for (String line; (line = in.readLine()) != null && !line.isEmpty(); ) {
                // headers
            }
            return String.valueOf(in.readLine());
        }
    }

    /** Sends one mail through the smtp server DNS picks; returns its greeting, {@code 220 host123 ...}. */
    String mail() throws IOException {
        try (Socket socket = dns.connect(Fig1Table.DOMAIN, "smtp", CONNECT)) {
            socket.setSoTimeout(5000);
            BufferedReader in = reader(socket);
            String greeting = reply(in, "220");
            command(socket, in, "EHLO client.example.test", "250");
            command(socket, in, "MAIL FROM:<demo@client.example.test>", "250");
            command(socket, in, "RCPT TO:<operator@" + Fig1Table.DOMAIN + ">", "250");
            command(socket, in, "DATA", "354");
            command(socket, in, "Subject: svccfg demo\r\n\r\nMail goes where DNS says.\r\n.", "250");
            command(socket, in, "QUIT", "221");
            return greeting;
        }
    }

    /**
     * One SIP OPTIONS over UDP to the server that the SIP URI resolves to (RFC 3263), failing over in its order;
     * returns the answer's status line and {@code Server} header, {@code SIP/2.0 200 OK (svccfg-demo host125 ...)}.
     */
    String sipOptions(String uri) throws IOException {
        return dns.connect(uri, tuple -> {
            try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
                socket.setSoTimeout((int) CONNECT.toMillis());
                String local = "127.0.0.1:" + socket.getLocalPort();
                byte[] request = ("OPTIONS " + uri + " SIP/2.0\r\n"
                        + "Via: SIP/2.0/UDP " + local + ";branch=z9hG4bK" + Long.toHexString(System.nanoTime()) + "\r\n"
                        + "Max-Forwards: 70\r\nFrom: <sip:demo@client.example.test>;tag=demo\r\nTo: <" + uri + ">\r\n"
                        + "Call-ID: " + System.nanoTime() + "@client.example.test\r\nCSeq: 1 OPTIONS\r\n"
                        + "Content-Length: 0\r\n\r\n").getBytes(StandardCharsets.UTF_8);
                socket.send(new DatagramPacket(request, request.length, tuple.endpoint().socketAddress()));
                DatagramPacket reply = new DatagramPacket(new byte[4096], 4096);
                socket.receive(reply);
                List<String> lines = new String(reply.getData(), 0, reply.getLength(), StandardCharsets.UTF_8)
                        .lines().toList();
                String server = lines.stream().filter(l -> l.startsWith("Server: ")).findFirst().orElse("");
                return lines.get(0) + " (" + server.replace("Server: ", "") + ")";
            }
        });
    }

    /** Whether a TCP connection to {@code address:port} is accepted: is anything listening there? */
    static boolean accepts(String address, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address, port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void command(Socket socket, BufferedReader in, String line, String expected) throws IOException {
        write(socket, line + "\r\n");
        reply(in, expected);
    }

    /** Reads one reply, the last line of a multi-line one, and checks its code. */
    private static String reply(BufferedReader in, String expected) throws IOException {
        String line;
        do {
            line = in.readLine();
            if (line == null) {
                throw new IOException("smtp closed the connection, expected " + expected);
            }
        } while (line.length() > 3 && line.charAt(3) == '-');
        if (!line.startsWith(expected)) {
            throw new IOException("smtp answered " + line + ", expected " + expected);
        }
        return line;
    }

    private static void write(Socket socket, String text) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(text.getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    private static BufferedReader reader(Socket socket) throws IOException {
        return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
    }
}
