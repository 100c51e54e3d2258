package io.svccfg.notify;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;

/** The receiver against hostile peers: it keeps serving a well-formed NOTIFY whatever came before or beside it. */
class NotifyReceiverTest {
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    /** A deadline far longer than any wait here: a NOTIFY answered at all was not held up by the idle peers. */
    private static final NotifyLimits LIMITS = new NotifyLimits(4096, 16, Duration.ofSeconds(60));
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final AtomicInteger reads = new AtomicInteger();
    private final List<Socket> peers = new ArrayList<>();
    private NotifyReceiver receiver;

    private NotifyReceiver start(NotifyLimits limits) throws IOException {
        NotifyHandler handler = new NotifyHandler(List.of("example.test"), NotifyHandlerTest.KEY);
        receiver = new NotifyReceiver(handler::handle, limits, notice -> reads.incrementAndGet(),
                new InetSocketAddress(LOOPBACK, 0));
        receiver.serve();
        return receiver;
    }

    @AfterEach
    void close() throws IOException {
        for (Socket peer : peers) {
            peer.close();
        }
        if (receiver != null) {
            receiver.close();
        }
    }

    private static byte[] goodNotify() {
        return NotifyHandlerTest.notify("example.test", NotifyHandlerTest.KEY);
    }

    @Test
    void garbageOverUdpOfEverySizeIsRefusedAndTheNextNotifyServed() throws IOException {
        start(LIMITS);
        Random random = new Random(11);
        try (DatagramSocket client = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0))) {
            for (int size : new int[] {0, 1, 2, 11, 12, 13, 100, 512, 4096, 4097, 20000, 65507}) {
                byte[] junk = new byte[size];
                random.nextBytes(junk);
                if (size >= 12) {
                    junk[2] = 0x20; // opcode NOTIFY: the bytes get past the first check
                }
                client.send(new DatagramPacket(junk, size, new InetSocketAddress(LOOPBACK, receiver.port())));
            }
            assertEquals(Rcode.NOERROR, udpExchange(client, goodNotify()).getRcode());
        }
        await().atMost(WAIT).until(() -> reads.get() == 1);
        assertTrue(receiver.refused() >= 10, "refused " + receiver.refused());
    }

    @Test
    void idleAndSlowTcpPeersDoNotHoldUpANotifyOnANewConnection() throws IOException {
        start(LIMITS);
        for (int i = 0; i < LIMITS.maxConnections() * 2; i++) {
            Socket peer = connect();
            if (i % 2 == 0) {
                peer.getOutputStream().write(0); // the first byte of a length, and nothing after
            }
        }
        long start = System.nanoTime();
        try (Socket client = connect()) {
            assertEquals(Rcode.NOERROR, tcpExchange(client, goodNotify()).getRcode());
        }
        // A figure, not an assertion: the deadline (60 s) is what a serial receiver would have made it wait.
        System.out.printf("a NOTIFY over a new TCP connection, beside %d held ones: answered in %.1f ms%n",
                LIMITS.maxConnections() * 2, (System.nanoTime() - start) / 1e6);
        await().atMost(WAIT).until(() -> reads.get() == 1);
    }

    @Test
    void aConnectionAnnouncingAnOversizedMessageIsClosedAndOthersServed() throws IOException {
        start(LIMITS);
        Socket big = connect();
        DataOutputStream out = new DataOutputStream(big.getOutputStream());
        out.writeShort(65535);
        out.write(new byte[1000]);
        out.flush();
        assertEquals(-1, read(big.getInputStream()), "closed by the receiver");
        try (Socket client = connect()) {
            assertEquals(Rcode.NOERROR, tcpExchange(client, goodNotify()).getRcode());
        }
    }

    @Test
    void aPeerThatSendsForeverButNeverReadsHoldsUpNobody() throws IOException {
        start(LIMITS);
        Socket greedy = connect();
        greedy.setSendBufferSize(4096);
        DataOutputStream out = new DataOutputStream(greedy.getOutputStream());
        byte[] notify = goodNotify();
        // Enough NOTIFYs that their answers fill both socket buffers: the receiver must stop writing, not wait.
        Thread writer = new Thread(() -> {
            try {
                for (int i = 0; i < 20000; i++) {
                    out.writeShort(notify.length);
                    out.write(notify);
                }
            } catch (IOException e) {
                // the receiver may close it
            }
        });
        writer.setDaemon(true);
        writer.start();
        await().atMost(WAIT).until(() -> reads.get() > 100);
        try (Socket client = connect()) {
            assertEquals(Rcode.NOERROR, tcpExchange(client, goodNotify()).getRcode());
        }
    }

    @Test
    void aTcpConnectionSlowerThanTheDeadlineIsClosed() throws IOException {
        start(new NotifyLimits(4096, 16, Duration.ofMillis(300)));
        Socket slow = connect();
        slow.getOutputStream().write(0);
        assertEquals(-1, read(slow.getInputStream()), "closed at the deadline");
    }

    @Test
    void aHandlerThatThrowsCostsOneMessageOnly() throws IOException {
        byte[] poison = {1, 2, 3};
        receiver = new NotifyReceiver(wire -> {
            if (wire.length == poison.length) {
                throw new IllegalStateException("a parser bug");
            }
            return new NotifyHandler(List.of("example.test"), null).handle(wire);
        }, LIMITS, notice -> reads.incrementAndGet(), new InetSocketAddress(LOOPBACK, 0));
        receiver.serve();
        byte[] notify = NotifyHandlerTest.notify("example.test", null);
        try (DatagramSocket client = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0));
                Socket tcp = connect()) {
            for (int i = 0; i < 3; i++) {
                client.send(new DatagramPacket(poison, poison.length, new InetSocketAddress(LOOPBACK, receiver.port())));
            }
            assertEquals(Rcode.NOERROR, udpExchange(client, notify).getRcode());
            DataOutputStream out = new DataOutputStream(tcp.getOutputStream());
            out.writeShort(poison.length);
            out.write(poison);
            assertEquals(Rcode.NOERROR, tcpExchange(tcp, notify).getRcode(), "the same connection goes on");
        }
        await().atMost(WAIT).until(() -> reads.get() == 2);
        assertEquals(4, receiver.refused());
    }

    @Test
    void aTcpPortInUseFailsTheStartAndLeavesNoDescriptorBehind() throws IOException {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 50, LOOPBACK)) {
            InetSocketAddress at = new InetSocketAddress(LOOPBACK, taken.getLocalPort());
            // A first attempt opens what the JDK keeps for good (its selector provider's files, loaded jars).
            org.junit.jupiter.api.Assertions.assertThrows(java.net.BindException.class,
                    () -> new NotifyReceiver(wire -> null, LIMITS, notice -> reads.incrementAndGet(), at));
            long before = openDescriptors();
            for (int i = 0; i < 20; i++) {
                org.junit.jupiter.api.Assertions.assertThrows(java.net.BindException.class,
                        () -> new NotifyReceiver(wire -> null, LIMITS, notice -> reads.incrementAndGet(), at));
            }
            assertEquals(before, openDescriptors(), "the UDP socket, the selector and the TCP channel are closed");
        }
    }

    private static long openDescriptors() throws IOException {
        try (var fds = java.nio.file.Files.list(java.nio.file.Path.of("/proc/self/fd"))) {
            return fds.count();
        }
    }

    private Socket connect() throws IOException {
        Socket socket = new Socket(LOOPBACK, receiver.port());
        socket.setSoTimeout((int) WAIT.toMillis());
        peers.add(socket);
        return socket;
    }

    private static int read(InputStream in) throws IOException {
        try {
            return in.read();
        } catch (java.net.SocketException reset) {
            return -1;
        }
    }

    private Message udpExchange(DatagramSocket client, byte[] query) throws IOException {
        client.setSoTimeout((int) WAIT.toMillis());
        client.send(new DatagramPacket(query, query.length, new InetSocketAddress(LOOPBACK, receiver.port())));
        DatagramPacket answer = new DatagramPacket(new byte[4096], 4096);
        client.receive(answer);
        return new Message(java.util.Arrays.copyOf(answer.getData(), answer.getLength()));
    }

    private static Message tcpExchange(Socket client, byte[] query) throws IOException {
        DataOutputStream out = new DataOutputStream(client.getOutputStream());
        out.writeShort(query.length);
        out.write(query);
        out.flush();
        DataInputStream in = new DataInputStream(client.getInputStream());
        byte[] answer = new byte[in.readUnsignedShort()];
        in.readFully(answer);
        return new Message(answer);
    }
}
