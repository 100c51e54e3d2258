package io.svccfg.demo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;

/**
 * Small servers, one per way a JVM application opens a listener, for tests that run them under the agent. They know
 * nothing of svccfg; they only report, on every request, where their listener is bound as the application sees it.
 *
 * <pre>
 * java -cp svccfg-demo.jar io.svccfg.demo.SocketServer KIND [--port P] [--address A] [--backlog N]
 *                                                          [--late-bind] [--virtual] [--reopen-on-stdin]
 * </pre>
 *
 * <h2>Kinds</h2>
 * <ul>
 * <li>{@code server-socket}: {@code new ServerSocket(port, backlog, addr)}; --late-bind: {@code new ServerSocket()}
 *     then {@code bind(addr, backlog)}. A thread per connection.</li>
 * <li>{@code nio-selector}: non-blocking {@code ServerSocketChannel} on a {@code Selector};
 *     {@code channel.bind(addr, backlog)}, --late-bind: {@code channel.socket().bind(addr, backlog)}.</li>
 * <li>{@code nio-blocking}: blocking {@code ServerSocketChannel}, binds like nio-selector.</li>
 * <li>{@code async}: {@code AsynchronousServerSocketChannel.open().bind(addr, backlog)}.</li>
 * <li>{@code datagram-socket}: {@code new DatagramSocket(addr)}; --late-bind: {@code new DatagramSocket(null)}
 *     then {@code bind(addr)}. Untimed {@code receive()}.</li>
 * <li>{@code datagram-channel}: {@code DatagramChannel.open().bind(addr)}; --late-bind:
 *     {@code channel.socket().bind(addr)}. Blocking {@code receive()}.</li>
 * <li>{@code multicast-socket}: {@code new MulticastSocket(port)} (the wildcard); with --address
 *     {@code new MulticastSocket(addr)}; --late-bind: {@code new MulticastSocket(null)} then {@code bind(addr)}.</li>
 * </ul>
 * {@code addr} is {@code new InetSocketAddress(port)} (the wildcard) unless --address is given; the port defaults to
 * 8080 and the backlog to 50. --backlog is for the TCP kinds only, --late-bind and --virtual for all kinds but
 * {@code async}. --virtual runs the listener's loop (and server-socket's connection handlers) on virtual threads; on
 * a JDK without them (17) it is a usage error.
 *
 * <h2>Protocol</h2>
 * Addresses are written {@code 127.0.0.1:8080} or {@code [::1]:8080}: numeric, never looked up. Every address is
 * asked of the socket object at the moment it is written, never remembered from the bind.
 * <ul>
 * <li>TCP kinds, on each accepted connection: write one line
 *     {@code KIND LISTENER=<listener's local address> LOCAL=<accepted socket's local address>
 *     PEER=<its peer's address>\n}, then close. The client sends nothing.</li>
 * <li>UDP kinds, on each datagram received: send back to its sender one datagram (no newline)
 *     {@code KIND LISTENER=<socket's local address> FROM=<sender's address>}.</li>
 * </ul>
 *
 * <h2>Lifecycle, on stdout, one flushed line each</h2>
 * <ul>
 * <li>{@code LISTENING <address>} once the bind succeeded.</li>
 * <li>{@code BIND FAILED <ExceptionSimpleName>: <message>} if it failed; exit status 3.</li>
 * <li>{@code ERROR <ExceptionSimpleName>: <message>} for any failure while serving; the server goes on, unless the
 *     listener was closed under it: then that is the last line and the exit status is 4.</li>
 * <li>A usage error is one line on stderr, {@code USAGE ERROR: <what>. usage: ...}, and exit status 2.</li>
 * </ul>
 * With --reopen-on-stdin, stdin is read line by line: {@code reopen} closes the listener, waits for its loop to end,
 * and opens a new one the same way on the same requested address and port (with port 0, a new ephemeral port),
 * printing {@code LISTENING} (or {@code BIND FAILED}, exit 3) again; {@code close} closes the listener as an application bug would (so exit 4); end
 * of stdin exits with status 0. Without the option stdin is not read and the server runs until killed.
 */
public final class SocketServer {
    /** How long a reopen waits for the old loop to end before it binds anyway. */
    private static final long LOOP_END_MILLIS = 10_000;

    private final Options options;
    /** The listener now in use; a loop whose listener is no longer current was retired by a reopen. */
    private volatile Listener current;
    /** The thread running the current listener's loop. */
    private volatile Thread loop;

    private SocketServer(Options options) {
        this.options = options;
    }

    public static void main(String[] args) throws InterruptedException {
        Options options;
        try {
            options = Options.parse(args);
        } catch (Options.UsageException e) {
            System.err.println("USAGE ERROR: " + e.getMessage() + ". " + Options.USAGE);
            System.exit(2);
            return;
        }
        SocketServer server = new SocketServer(options);
        server.open();
        if (options.reopenOnStdin()) {
            Thread stdin = new Thread(server::readStdin, "stdin");
            stdin.setDaemon(true);
            stdin.start();
        }
        // Loops may all run on virtual (daemon) threads, so main must stay to keep the JVM up.
        new CountDownLatch(1).await();
    }

    /** Binds a new listener, announces it, and starts its loop; exits 3 if the bind fails. */
    private void open() {
        Listener listener;
        String address;
        try {
            listener = options.kind().open(options);
            address = Addresses.format(listener.localAddress());
        } catch (IOException | RuntimeException e) {
            Out.line("BIND FAILED " + Out.describe(e));
            System.exit(3);
            return;
        }
        current = listener;
        Out.line("LISTENING " + address);
        loop = Threads.factory(options.virtual()).newThread(() -> serve(listener));
        loop.setName(options.kind() + "-loop");
        loop.start();
    }

    private void serve(Listener listener) {
        try {
            listener.serve();
        } catch (Exception e) {
            if (listener != current) {
                return; // closed by reopen(): the new listener has a loop of its own
            }
            Out.error(e);
        }
        System.exit(4); // the listener closed under the app: looping on would spin
    }

    private void readStdin() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                switch (line.trim()) {
                    case "reopen" -> reopen();
                    case "close" -> closeQuietly(current);
                    case "" -> { }
                    default -> Out.line("ERROR unknown stdin command '" + line.trim() + "'");
                }
            }
        } catch (IOException e) {
            Out.error(e); // and exit as on end of input: nobody can drive this process any more
        }
        System.exit(0);
    }

    private void reopen() {
        Listener old = current;
        current = null; // before the close, so the old loop knows its end was wanted
        closeQuietly(old);
        // close() may return while the loop's thread is still blocked in accept() or receive() in the kernel, and
        // the port may stay taken until that call returns (an immediate rebind failed often with ServerSocket,
        // ServerSocketChannel, DatagramSocket and DatagramChannel on JDK 17 and 25). Once the loop has ended, the
        // port is free.
        try {
            loop.join(LOOP_END_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        open();
    }

    private static void closeQuietly(Listener listener) {
        try {
            listener.close();
        } catch (IOException e) {
            Out.error(e);
        }
    }
}
