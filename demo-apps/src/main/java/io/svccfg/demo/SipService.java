package io.svccfg.demo;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.SocketAddress;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A SIP service that knows nothing of svccfg: a {@link DatagramSocket} on the wildcard address and the port given
 * (default 5060), answering OPTIONS (RFC 3261 11.2), the request SIP uses to ask a server what it can do and, in
 * practice, whether it is up. Each answer goes, as one datagram, to the request's sender:
 * <pre>
 * SIP/2.0 200 OK
 * Via: (every Via of the request, in order)
 * From: (copied)
 * To: (copied, with ;tag=... added if it had none)
 * Call-ID: (copied)
 * CSeq: (copied)
 * Allow: OPTIONS
 * Accept: application/sdp
 * Server: svccfg-demo NAME at ADDR:PORT
 * Content-Length: 0
 * </pre>
 * ADDR:PORT being the socket's local address at the moment of answering. Any other request but ACK gets
 * {@code SIP/2.0 501 Not Implemented} with the same headers but Accept; ACK, responses and garbage get nothing.
 *
 * <pre>
 * java -cp svccfg-demo.jar io.svccfg.demo.SipService [--host NAME] [--port P]
 * </pre>
 * Stdout: {@code sip listening on ADDR:PORT} once bound; see {@link ServiceRunner} for the rest.
 */
public final class SipService implements Service {
    static final ServiceOptions.Port PORT = new ServiceOptions.Port("--port", 5060);
    /** The largest UDP payload: a datagram is read whole or not at all. */
    private static final int MAX_DATAGRAM = 65535;

    private final DatagramSocket socket;
    private final String name;
    private final Stopping stopping = new Stopping();

    private SipService(DatagramSocket socket, String name) {
        this.socket = socket;
        this.name = name;
    }

    public static void main(String[] args) {
        ServiceOptions options = ServiceOptions.parseOrExit(SipService.class, List.of(PORT), args);
        ServiceRunner.run("sip", () -> start(options.port(PORT.option()), options.host()));
    }

    /** Binds the wildcard address and the port (0: an ephemeral one) and starts serving, as NAME. */
    static SipService start(int port, String name) throws SocketException {
        SipService service = new SipService(new DatagramSocket(port), name);
        Threads.startDaemon("sip-receive", service::serve);
        return service;
    }

    private void serve() {
        byte[] buffer = new byte[MAX_DATAGRAM];
        while (true) {
            try {
                DatagramPacket received = new DatagramPacket(buffer, buffer.length);
                // No SO_TIMEOUT, on purpose: the agent must handle a thread blocked in an untimed receive.
                socket.receive(received);
                SipRequest request = SipRequest.parse(received.getData(), received.getLength());
                if (request == null || request.method().equals("ACK")) {
                    continue; // nothing to answer: RFC 3261 17.2.1, no response to an ACK
                }
                byte[] answer = answer(request).getBytes(StandardCharsets.UTF_8);
                socket.send(new DatagramPacket(answer, answer.length, received.getSocketAddress()));
            } catch (IOException | RuntimeException e) {
                if (socket.isClosed()) {
                    stopping.loopEnded(e);
                    return;
                }
                Out.error(e); // one bad datagram, or a failed send: the next one is served all the same
                Out.pauseAfterError();
            }
        }
    }

    private String answer(SipRequest request) {
        boolean options = request.method().equals("OPTIONS");
        StringBuilder answer = new StringBuilder(options ? "SIP/2.0 200 OK\r\n" : "SIP/2.0 501 Not Implemented\r\n");
        for (String via : request.vias()) {
            header(answer, "Via", via);
        }
        header(answer, "From", request.from());
        // RFC 3261 8.2.6.2: the server's tag, the same for a retransmission of the request, so derived from it.
        header(answer, "To", request.toHasTag() ? request.to() : request.to() + ";tag=" + Integer.toHexString(
                (request.callId() + "\n" + request.from() + "\n" + request.cseq()).hashCode()));
        header(answer, "Call-ID", request.callId());
        header(answer, "CSeq", request.cseq());
        header(answer, "Allow", "OPTIONS");
        if (options) {
            header(answer, "Accept", "application/sdp");
        }
        header(answer, "Server", "svccfg-demo " + name + " at " + Addresses.format(socket.getLocalSocketAddress()));
        header(answer, "Content-Length", "0");
        return answer.append("\r\n").toString();
    }

    private static void header(StringBuilder answer, String name, String value) {
        answer.append(name).append(": ").append(value).append("\r\n");
    }

    @Override
    public String protocol() {
        return "sip";
    }

    @Override
    public SocketAddress localAddress() {
        return socket.getLocalSocketAddress();
    }

    @Override
    public CompletableFuture<Void> stopped() {
        return stopping.future();
    }

    @Override
    public void close() {
        stopping.closing();
        socket.close();
    }
}
