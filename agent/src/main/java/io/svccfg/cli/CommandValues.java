package io.svccfg.cli;

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
