package io.svccfg.demo;

import java.net.InetSocketAddress;

/** The command line of {@link SocketServer}, checked as a whole so that a bad one is one clear line and exit 2. */
record Options(Kind kind, InetSocketAddress address, int backlog, boolean lateBind, boolean virtual,
        boolean reopenOnStdin) {

    static final int DEFAULT_PORT = 8080;
    /** The JDK's own default backlog for ServerSocket. */
    static final int DEFAULT_BACKLOG = 50;
    static final String USAGE = "usage: java -cp svccfg-demo.jar io.svccfg.demo.SocketServer KIND [--port P]"
            + " [--address A] [--backlog N] [--late-bind] [--virtual] [--reopen-on-stdin]; KIND is one of "
            + Kind.ids();

    /** A command line that cannot be run; its message says why in a few words. */
    static final class UsageException extends Exception {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }

    static Options parse(String... args) throws UsageException {
        if (args.length == 0) {
            throw new UsageException("no KIND given");
        }
        Kind kind = Kind.byId(args[0]);
        if (kind == null) {
            throw new UsageException("unknown KIND '" + args[0] + "'");
        }
        int port = DEFAULT_PORT;
        String host = null;
        Integer backlog = null;
        boolean lateBind = false;
        boolean virtual = false;
        boolean reopen = false;
        for (int i = 1; i < args.length; i++) {
            switch (args[i]) {
                case "--port" -> port = number(args, ++i, "--port", 0, 65535);
                case "--address" -> host = value(args, ++i, "--address");
                case "--backlog" -> backlog = number(args, ++i, "--backlog", 0, Integer.MAX_VALUE);
                case "--late-bind" -> lateBind = true;
                case "--virtual" -> virtual = true;
                case "--reopen-on-stdin" -> reopen = true;
                default -> throw new UsageException("unknown option '" + args[i] + "'");
            }
        }
        if (backlog != null && !kind.tcp) {
            throw new UsageException("--backlog is for TCP kinds only, not " + kind);
        }
        if (lateBind && !kind.lateBind) {
            throw new UsageException("--late-bind is not supported by " + kind);
        }
        if (virtual && !kind.virtual) {
            throw new UsageException("--virtual is not supported by " + kind);
        }
        if (virtual && !Threads.virtualAvailable()) {
            throw new UsageException("--virtual needs virtual threads (JDK 21 or later), this is JDK "
                    + Runtime.version().feature());
        }
        // The wildcard by default, exactly as an application writing new InetSocketAddress(port) gets it.
        InetSocketAddress address = host == null ? new InetSocketAddress(port) : new InetSocketAddress(host, port);
        if (address.isUnresolved()) {
            throw new UsageException("cannot resolve --address '" + host + "'");
        }
        return new Options(kind, address, backlog == null ? DEFAULT_BACKLOG : backlog, lateBind, virtual, reopen);
    }

    /** The value after {@code option}; shared with {@link ServiceOptions}. */
    static String value(String[] args, int i, String option) throws UsageException {
        if (i >= args.length) {
            throw new UsageException(option + " needs a value");
        }
        return args[i];
    }

    /** The number after {@code option}, from {@code min} to {@code max}; shared with {@link ServiceOptions}. */
    static int number(String[] args, int i, String option, int min, int max) throws UsageException {
        String text = value(args, i, option);
        try {
            int n = Integer.parseInt(text);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below, with the range
        }
        throw new UsageException(option + " needs a number from " + min + " to " + max + ", not '" + text + "'");
    }
}
