package io.svccfg.it;

import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One of the demo apps' small servers ({@code io.svccfg.demo.SocketServer KIND ...}) running as a real child JVM,
 * under the real agent when agent options are given, and real clients for it.
 */
final class DemoServer implements AutoCloseable {
    static final Duration WAIT = Duration.ofSeconds(30);

    private final ChildProcess child;
    private final boolean udp;

    private DemoServer(ChildProcess child, boolean udp) {
        this.child = child;
        this.udp = udp;
    }

    /**
     * Starts {@code SocketServer kindAndOptions...}, under {@code -javaagent:svccfg.jar=agentOptions} unless null. The
     * JVM then verifies its own classes too, which it trusts by default, so that a call svccfg inserts into them
     * with a wrong frame fails the test with a {@code VerifyError} instead of going unnoticed.
     */
    static DemoServer start(ChildJvm jvm, String agentOptions, String... kindAndOptions) {
        List<String> args = new ArrayList<>();
        if (agentOptions != null) {
            args.addAll(List.of("-XX:+UnlockDiagnosticVMOptions", "-XX:+BytecodeVerificationLocal"));
            args.add("-javaagent:" + ItEnvironment.agentJar() + "=" + agentOptions);
        }
        args.addAll(List.of("-cp", ItEnvironment.demoJar().toString(), "io.svccfg.demo.SocketServer"));
        args.addAll(List.of(kindAndOptions));
        return new DemoServer(jvm.start(args, Map.of(), null), kindAndOptions[0].startsWith("datagram")
                || kindAndOptions[0].startsWith("multicast"));
    }

    ChildProcess child() {
        return child;
    }

    /** Waits for the {@code n}th {@code LISTENING} line and returns its address ({@code 127.0.0.1:8080}). */
    String awaitListening(int n) {
        await("LISTENING #" + n).atMost(WAIT).pollInterval(Duration.ofMillis(20))
                .until(() -> listening().size() >= n || !child.isAlive());
        List<String> seen = listening();
        if (seen.size() < n) {
            throw new AssertionError("no LISTENING #" + n + "\nstdout:\n" + child.stdout() + "\nstderr:\n"
                    + child.stderr());
        }
        return seen.get(n - 1);
    }

    String awaitListening() {
        return awaitListening(1);
    }

    private List<String> listening() {
        return child.stdout().lines().filter(l -> l.startsWith("LISTENING ")).map(l -> l.substring(10)).toList();
    }

    /** Waits for the process to end and returns its exit status. */
    ChildProcess.Result awaitExit() {
        return child.waitFor(WAIT);
    }

    /** One request to the server at {@code hostPort}: the line (TCP) or datagram (UDP) it answers. */
    String request(String hostPort) throws IOException {
        int colon = hostPort.lastIndexOf(':');
        InetSocketAddress to = new InetSocketAddress(hostPort.substring(0, colon).replaceAll("[\\[\\]]", ""),
                Integer.parseInt(hostPort.substring(colon + 1)));
        return udp ? datagram(to) : line(to);
    }

    /** Whether a request to {@code hostPort} gets an answer within a short time. */
    boolean answers(String hostPort) {
        try {
            return request(hostPort) != null;
        } catch (IOException e) {
            return false;
        }
    }

    private static String line(InetSocketAddress to) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(to, 2000);
            s.setSoTimeout(5000);
            return new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8)).readLine();
        }
    }

    private static String datagram(InetSocketAddress to) throws IOException {
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            s.setSoTimeout(1000);
            byte[] ping = "ping".getBytes(StandardCharsets.US_ASCII);
            s.send(new DatagramPacket(ping, ping.length, to));
            DatagramPacket reply = new DatagramPacket(new byte[512], 512);
            s.receive(reply);
            return new String(reply.getData(), 0, reply.getLength(), StandardCharsets.UTF_8);
        }
    }

    @Override
    public void close() {
        child.close();
    }
}
