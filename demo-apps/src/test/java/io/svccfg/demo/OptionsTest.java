package io.svccfg.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OptionsTest {

    @Test
    void defaultsAreTheWildcardOnPort8080() throws Exception {
        Options options = Options.parse("server-socket");
        assertEquals(Kind.SERVER_SOCKET, options.kind());
        assertEquals(new InetSocketAddress(8080), options.address());
        assertEquals(50, options.backlog());
        assertFalse(options.lateBind() || options.virtual() || options.reopenOnStdin());
    }

    @Test
    void everyOptionIsRead() throws Exception {
        Options options = Options.parse("nio-blocking", "--port", "0", "--address", "127.0.0.1", "--backlog", "7",
                "--late-bind", "--reopen-on-stdin");
        assertEquals(new InetSocketAddress("127.0.0.1", 0), options.address());
        assertEquals(7, options.backlog());
        assertTrue(options.lateBind() && options.reopenOnStdin());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "''                                  | no KIND given",
        "tcp                                 | unknown KIND 'tcp'",
        "server-socket --port                | --port needs a value",
        "server-socket --port 65536          | --port needs a number from 0 to 65535, not '65536'",
        "server-socket --port http           | --port needs a number from 0 to 65535, not 'http'",
        "server-socket --verbose             | unknown option '--verbose'",
        "datagram-socket --backlog 5         | --backlog is for TCP kinds only, not datagram-socket",
        "async --late-bind                   | --late-bind is not supported by async",
        "async --virtual                     | --virtual is not supported by async",
        "server-socket --address no.such.invalid | cannot resolve --address 'no.such.invalid'",
    })
    void aBadCommandLineSaysWhatIsWrong(String commandLine, String message) {
        String[] args = commandLine.isEmpty() ? new String[0] : commandLine.split(" ");
        assertEquals(message, assertThrows(Options.UsageException.class, () -> Options.parse(args)).getMessage());
    }
}
