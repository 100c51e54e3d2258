package io.svccfg.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.DatagramSocket;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The command line contract of {@link SocketServer}: lines on stdout and exit statuses, in real child JVMs. */
class SocketServerTest {

    @ParameterizedTest(name = "{0}")
    @EnumSource(Kind.class)
    void announcesItsAddressThenAnswersAndReopensOnStdin(Kind kind) throws Exception {
        int port = Clients.freePort(kind); // a fixed port, so that reopen must bind the same one again
        try (Child child = Child.start(InProcessTest.options(kind, port, "--reopen-on-stdin"))) {
            assertEquals("LISTENING 127.0.0.1:" + port, child.awaitLine("LISTENING ", 1));
            assertAnswers(kind, port);

            child.send("reopen");
            assertEquals("LISTENING 127.0.0.1:" + port, child.awaitLine("LISTENING ", 2));
            assertAnswers(kind, port);

            child.closeStdin();
            assertEquals(0, child.awaitExit());
            assertEquals(List.of("LISTENING 127.0.0.1:" + port, "LISTENING 127.0.0.1:" + port), child.stdout,
                    "a reopen prints nothing but the new LISTENING line");
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Kind.class)
    void aTakenPortIsBindFailedAndExit3(Kind kind) throws Exception {
        try (Taken taken = Taken.port(kind); Child child = Child.start(InProcessTest.options(kind, taken.port, null))) {
            assertEquals(3, child.awaitExit());
            assertEquals(List.of("BIND FAILED BindException: Address already in use"), child.stdout);
        }
    }

    @Test
    void aListenerClosedUnderTheAppIsAnErrorAndExit4() throws Exception {
        try (Child child = Child.start(InProcessTest.options(Kind.NIO_BLOCKING, 0, "--reopen-on-stdin"))) {
            child.awaitListening(1);
            child.send("close");
            assertEquals(4, child.awaitExit());
            assertEquals(2, child.stdout.size(), () -> "LISTENING, then one ERROR: " + child.stdout);
            assertEquals("ERROR AsynchronousCloseException: null", child.stdout.get(1));
        }
    }

    @Test
    void withoutTheOptionStdinIsNotRead() throws Exception {
        try (Child child = Child.start(InProcessTest.options(Kind.SERVER_SOCKET, 0, null))) {
            int port = child.awaitListening(1);
            child.closeStdin();
            assertAnswers(Kind.SERVER_SOCKET, port); // still running
        }
    }

    @Test
    void virtualThreadsServeOnJdk21AndAreAUsageErrorBefore() throws Exception {
        for (Kind kind : List.of(Kind.SERVER_SOCKET, Kind.DATAGRAM_SOCKET)) {
            try (Child child = Child.start(InProcessTest.options(kind, 0, "--virtual"))) {
                if (Threads.virtualAvailable()) {
                    assertAnswers(kind, child.awaitListening(1));
                } else {
                    assertEquals(2, child.awaitExit());
                    assertEquals(List.of(), child.stdout);
                    assertEquals(1, child.stderr.size());
                    assertTrue(child.stderr.get(0).startsWith("USAGE ERROR: --virtual needs virtual threads"
                            + " (JDK 21 or later), this is JDK " + Runtime.version().feature() + ". usage: "),
                            child.stderr.get(0));
                }
            }
        }
    }

    @Test
    void aBadCommandLineIsOneLineOnStderrAndExit2() throws Exception {
        try (Child child = Child.start("datagram-socket", "--backlog", "5")) {
            assertEquals(2, child.awaitExit());
            assertEquals(List.of(), child.stdout);
            assertEquals(List.of("USAGE ERROR: --backlog is for TCP kinds only, not datagram-socket. "
                    + Options.USAGE), child.stderr);
        }
    }

    private static void assertAnswers(Kind kind, int port) throws IOException {
        if (kind.tcp) {
            assertEquals(Clients.expectedTcp(kind, port), Clients.tcp(port));
        } else {
            try (DatagramSocket client = Clients.udpClient()) {
                assertEquals(Clients.expectedUdp(kind, port, client), Clients.udp(client, port));
            }
        }
    }
}
