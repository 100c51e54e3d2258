package io.svccfg.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ServiceOptionsTest {
    private static final List<ServiceOptions.Port> MULTI = List.of(MultiServiceServer.HTTP, MultiServiceServer.SMTP,
            MultiServiceServer.SIP);

    @Test
    void defaultsAreTheWellKnownPortsAndThisHostsName() throws Exception {
        ServiceOptions options = ServiceOptions.parse(MULTI);
        assertEquals(Map.of("--http-port", 8080, "--smtp-port", 25, "--sip-port", 5060), options.ports());
        assertEquals(ServiceOptions.localHostName(), options.host());
        assertFalse(options.host().isEmpty());
    }

    @Test
    void everyOptionIsRead() throws Exception {
        ServiceOptions options = ServiceOptions.parse(MULTI, "--sip-port", "0", "--host", "h1.example.test",
                "--http-port", "18080");
        assertEquals(Map.of("--http-port", 18080, "--smtp-port", 25, "--sip-port", 0), options.ports());
        assertEquals("h1.example.test", options.host());
        assertEquals(0, ServiceOptions.parse(List.of(SmtpService.PORT), "--port", "0").port("--port"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--port 1                 | unknown option '--port'",
        "--http-port              | --http-port needs a value",
        "--sip-port -1            | --sip-port needs a number from 0 to 65535, not '-1'",
        "--smtp-port smtp         | --smtp-port needs a number from 0 to 65535, not 'smtp'",
        "--host                   | --host needs a value",
        "--host a\tb              | --host needs a name of printable ASCII without spaces, not 'a\tb'",
    })
    void aBadCommandLineSaysWhatIsWrong(String commandLine, String message) {
        String[] args = commandLine.split(" ");
        assertEquals(message, assertThrows(Options.UsageException.class, () -> ServiceOptions.parse(MULTI, args))
                .getMessage());
    }
}
