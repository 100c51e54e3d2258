package io.svccfg.cli;

import io.svccfg.Version;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;

/** {@code java -jar svccfg.jar COMMAND ...}: the commands of svccfg. Exit status 0 on success, 2 on any error. */
public final class Main {
    static final int OK = 0;
    static final int ERROR = 2;

    static final String USAGE = """
            Usage:
              java -javaagent:svccfg.jar=domain=DOMAIN[,KEY=VALUE...] -jar your-server.jar
              java -jar svccfg.jar resolve DOMAIN SERVICE [tcp|udp] [--dns HOST[:PORT]]... [--json]
              java -jar svccfg.jar resolve SIP-URI [--dns HOST[:PORT]]... [--json]
              java -jar svccfg.jar status [PID] [--json]
              java -jar svccfg.jar attach PID OPTIONS
              java -jar svccfg.jar plan FLEET.yaml [--dns HOST[:PORT]]... [--tsig NAME:ALG:SECRET] [--json]
              java -jar svccfg.jar apply FLEET.yaml [--dns HOST[:PORT]]... --tsig NAME:ALG:SECRET [--json]
              java -jar svccfg.jar --version | --help

            resolve  prints the tuples of _SERVICE._TRANSPORT.DOMAIN (default tcp) in the order
                     RFC 2782 tells clients to try them; --json prints a JSON array. With a SIP URI
                     (sip:example.com), the tuples RFC 3263 gives (NAPTR, SRV, A/AAAA), in its order,
                     each after the record it came from.
            status   prints what the agent in JVM PID did and why (--json: one JSON object); with no PID,
                     one line for each JVM of this user that runs svccfg.
            attach   loads the agent into the running JVM PID with OPTIONS (KEY=VALUE,...).
            plan     assigns the services of the fleet file to its servers by capacity and prints the
                     assignment and the SRV, A and AAAA records to delete and add; changes nothing.
            apply    plans, then writes the change to the primary as one TSIG-signed update.
            Agent options (KEY=VALUE): domain, listening-point, dns, service, address, poll,
                     idle-poll, notify, notify-jitter, tsig, unassigned, first-read-wait,
                     flap-damping, drain, allow, log, config. See README.md.
            """;

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0) {
            err.print(USAGE);
            return ERROR;
        }
        List<String> rest = Arrays.asList(args).subList(1, args.length);
        try {
            switch (args[0]) {
                case "--help", "-h", "help" -> {
                    out.println("svccfg " + Version.get() + " - lets DNS decide which network services a JVM server"
                            + " runs, and where.\n");
                    out.print(USAGE);
                    return OK;
                }
                case "--version" -> {
                    out.println("svccfg " + Version.get());
                    return OK;
                }
                case "resolve" -> {
                    return ResolveCommand.parse(rest).run(out, err);
                }
                case "status" -> {
                    return StatusCommand.parse(rest).run(out, err);
                }
                case "attach" -> {
                    return AttachCommand.parse(rest).run(out, err);
                }
                case "plan", "apply" -> {
                    return PlanCommand.parse(args[0].equals("apply"), rest).run(out, err);
                }
                default -> throw new UsageException("unknown command '" + args[0]
                        + "': expected resolve, status, attach, plan, apply, --help or --version");
            }
        } catch (UsageException e) {
            err.println("svccfg: " + e.getMessage());
            return ERROR;
        }
    }
}
