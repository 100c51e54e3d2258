package io.svccfg.demo;

import java.util.List;

/**
 * All three demo services in one JVM, as each of the patent's servers runs every service and lets DNS decide which
 * of them it offers where. Each is bound on the wildcard address, as NAME, and announced as it binds; the process
 * runs until killed.
 *
 * <pre>
 * java -cp svccfg-demo.jar io.svccfg.demo.MultiServiceServer [--host NAME] [--http-port 8080] [--smtp-port 25]
 *                                                            [--sip-port 5060]
 * </pre>
 * Stdout: {@code http listening on ADDR:PORT}, {@code smtp listening on ADDR:PORT}, {@code sip listening on
 * ADDR:PORT}, in that order, then what each service reports; see {@link ServiceRunner} for failures.
 */
public final class MultiServiceServer {
    static final ServiceOptions.Port HTTP = new ServiceOptions.Port("--http-port", HttpService.PORT.defaultPort());
    static final ServiceOptions.Port SMTP = new ServiceOptions.Port("--smtp-port", SmtpService.PORT.defaultPort());
    static final ServiceOptions.Port SIP = new ServiceOptions.Port("--sip-port", SipService.PORT.defaultPort());

    private MultiServiceServer() {
    }

    public static void main(String[] args) {
        ServiceOptions options = ServiceOptions.parseOrExit(MultiServiceServer.class, List.of(HTTP, SMTP, SIP), args);
        String name = options.host();
        ServiceRunner.run(List.of("http", "smtp", "sip"), List.of(
                () -> HttpService.start(options.port(HTTP.option()), name),
                () -> SmtpService.start(options.port(SMTP.option()), name),
                () -> SipService.start(options.port(SIP.option()), name)));
    }
}
