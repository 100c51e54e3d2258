package io.svccfg.demo;

import io.svccfg.demo.dns.DnsCommand;
import io.svccfg.demo.fig1.AdminDemo;
import io.svccfg.demo.fig1.Fig1Demo;
import java.util.Arrays;

/**
 * {@code java -jar svccfg-demo.jar [COMMAND ARGS...]}: with no command (or only {@code --interactive}), the demo of
 * the patent's FIG. 1; otherwise one of its parts, each runnable alone.
 */
public final class DemoMain {
    private static final String COMMANDS = "admin, dns, server, http, smtp, sip (or none, for the demo)";

    private DemoMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 1 && (args[0].equals("--help") || args[0].equals("-h"))) {
            System.out.println("""
                    usage: java -jar svccfg-demo.jar [--interactive]     the demo of the patent's FIG. 1
                           java -jar svccfg-demo.jar admin               svccfg plan and apply assign FIG. 1's servers
                           java -jar svccfg-demo.jar dns --zone FILE --port P [--address A] [--origin NAME]
                                                     [--notify HOST:PORT]... [--tsig NAME:ALGORITHM:SECRET]
                           java -jar svccfg-demo.jar server [--host NAME] [--http-port P] [--smtp-port P] [--sip-port P]
                           java -jar svccfg-demo.jar http|smtp|sip [--host NAME] [--port P]""");
            return;
        }
        if (args.length == 0 || args[0].startsWith("-")) {
            Fig1Demo.main(args);
            return;
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        switch (args[0]) {
            case "admin" -> AdminDemo.main(rest);
            case "dns" -> DnsCommand.main(rest);
            case "server" -> MultiServiceServer.main(rest);
            case "http" -> HttpService.main(rest);
            case "smtp" -> SmtpService.main(rest);
            case "sip" -> SipService.main(rest);
            default -> {
                System.err.println("svccfg-demo: unknown command " + args[0] + ": expected one of " + COMMANDS);
                System.exit(2);
            }
        }
    }
}
