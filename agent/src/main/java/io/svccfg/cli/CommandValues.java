package io.svccfg.cli;

import io.svccfg.config.HostPort;
import io.svccfg.config.OptionValues;
import java.util.List;
import java.util.function.Supplier;

/** What the commands share in reading their arguments. */
final class CommandValues {
    private CommandValues() {
    }

    /** The parsed value, or a usage error naming what was bad and what is expected. */
    static <T> T valid(String what, String expected, Supplier<T> parser) throws UsageException {
        try {
            return parser.get();
        } catch (IllegalArgumentException e) {
            throw new UsageException("bad " + what + ": expected " + expected
                    + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")"));
        }
    }

    /** The DNS server that {@code --dns} at {@code args[i]} names. */
    static HostPort dns(List<String> args, int i) throws UsageException {
        String expected = "HOST[:PORT], like 127.0.0.1:5353";
        String value = value(args, i, "--dns", expected);
        return valid("--dns " + value, expected, () -> OptionValues.hostPort(value, 53));
    }

    /** How many arguments after {@code args[i]} its option took: 1 for {@code --option VALUE}, 0 for {@code =}. */
    static int taken(List<String> args, int i, String option) {
        return args.get(i).equals(option) ? 1 : 0;
    }

    /** The value of {@code option} at {@code args[i]}: {@code --option=VALUE} or {@code --option VALUE}. */
    static String value(List<String> args, int i, String option, String expected) throws UsageException {
        String arg = args.get(i);
        if (!arg.equals(option)) {
            return arg.substring(option.length() + 1);
        }
        if (i + 1 >= args.size()) {
            throw new UsageException(option + " needs a value: expected " + expected);
        }
        return args.get(i + 1);
    }
}
