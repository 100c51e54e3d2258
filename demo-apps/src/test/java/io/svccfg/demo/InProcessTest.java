package io.svccfg.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.net.BindException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Each kind's server, bound in this JVM on 127.0.0.1 port 0, asked by a real client. */
class InProcessTest {
    private final List<Listener> listeners = new ArrayList<>();

    @AfterEach
    void closeListeners() throws IOException {
        for (Listener listener : listeners) {
            listener.close();
        }
    }

    /** Every kind, and every kind again with --late-bind where it has a second way to bind. */
    static Stream<Arguments> variants() {
        return Stream.of(Kind.values()).flatMap(kind -> kind.lateBind
                ? Stream.of(Arguments.of(kind, false), Arguments.of(kind, true))
                : Stream.of(Arguments.of(kind, false)));
    }

    @ParameterizedTest(name = "{0} late-bind={1}")
    @MethodSource("variants")
    void answersWithTheListenersAddress(Kind kind, boolean lateBind) throws Exception {
        int port = port(start(kind, lateBind ? "--late-bind" : null));
        askTwiceAndCheck(kind, port);
    }

    /** Every kind but async, on a JDK with virtual threads; none on JDK 17 (SocketServerTest checks its exit 2). */
    static Stream<Kind> virtualKinds() {
        return Threads.virtualAvailable() ? Stream.of(Kind.values()).filter(k -> k != Kind.ASYNC) : Stream.empty();
    }

    @ParameterizedTest(name = "{0} --virtual", allowZeroInvocations = true)
    @MethodSource("virtualKinds")
    void answersOnVirtualThreads(Kind kind) throws Exception {
        askTwiceAndCheck(kind, port(start(kind, "--virtual")));
    }

    @ParameterizedTest(name = "{0} late-bind={1}")
    @MethodSource("variants")
    void aTakenPortFailsTheBind(Kind kind, boolean lateBind) throws Exception {
        try (Taken taken = Taken.port(kind)) {
            Options options = Options.parse(options(kind, taken.port, lateBind ? "--late-bind" : null));
            assertThrows(BindException.class, () -> listeners.add(kind.open(options)));
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Kind.class)
    void closingTheListenerEndsTheLoopInsteadOfSpinning(Kind kind) throws Exception {
        Listener listener = kind.open(Options.parse(options(kind, 0, null)));
        CompletableFuture<Exception> ended = new CompletableFuture<>();
        Thread loop = new Thread(() -> {
            try {
                listener.serve();
                ended.complete(null);
            } catch (Exception e) {
                ended.complete(e);
            }
        });
        loop.start();
        Clients.ask(kind, port(listener)); // the loop is running
        listener.close();
        assertNotNull(ended.get(10, TimeUnit.SECONDS), "serve() ends by throwing what showed the close");
        loop.join(10_000);
        assertFalse(loop.isAlive());
    }

    private void askTwiceAndCheck(Kind kind, int port) throws IOException {
        for (int i = 0; i < 2; i++) { // twice: the loop must go on after answering
            if (kind.tcp) {
                assertEquals(Clients.expectedTcp(kind, port), Clients.tcp(port));
            } else {
                try (DatagramSocket client = Clients.udpClient()) {
                    assertEquals(Clients.expectedUdp(kind, port, client), Clients.udp(client, port));
                }
            }
        }
    }

    /** Binds the kind on 127.0.0.1 port 0 with the extra option, if any, and runs its loop on a daemon thread. */
    private Listener start(Kind kind, String option) throws Exception {
        Options options = Options.parse(options(kind, 0, option));
        Listener listener = kind.open(options);
        listeners.add(listener);
        Thread loop = Threads.factory(options.virtual()).newThread(() -> {
            try {
                listener.serve();
            } catch (Exception e) {
                // closed by closeListeners()
            }
        });
        loop.setDaemon(true); // virtual threads already are; setting it again is allowed
        loop.start();
        return listener;
    }

    /** A command line for the kind on 127.0.0.1 and the port, with one more option if it is not null. */
    static String[] options(Kind kind, int port, String option) {
        List<String> args = new ArrayList<>(List.of(kind.id, "--address", Clients.LOOPBACK, "--port",
                String.valueOf(port)));
        if (option != null) {
            args.add(option);
        }
        return args.toArray(String[]::new);
    }

    private static int port(Listener listener) throws IOException {
        InetSocketAddress address = (InetSocketAddress) listener.localAddress();
        assertEquals(Clients.LOOPBACK, address.getAddress().getHostAddress());
        return address.getPort();
    }
}
