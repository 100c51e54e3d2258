package io.svccfg.config;

/** A bad option: its message is the one line shown to the user, naming the key, the value and what is expected. */
public final class BadOptionException extends Exception {
    private static final long serialVersionUID = 1L;

    public BadOptionException(String message) {
        super(oneLine(message), null, false, false);
    }

    /**
     * The message with control characters and line separators escaped (a line feed as backslash n, others as a
     * Unicode escape): it quotes values as given, and a value holding a line break would split the one line into two,
     * or a carriage return hide its start on a terminal.
     */
    static String oneLine(String message) {
        StringBuilder line = new StringBuilder(message.length());
        message.codePoints().forEach(c -> {
            switch (c) {
                case '\n' -> line.append("\\n");
                case '\r' -> line.append("\\r");
                case '\t' -> line.append("\\t");
                default -> {
                    if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                        line.append(String.format("\\u%04x", c));
                    } else {
                        line.appendCodePoint(c);
                    }
                }
            }
        });
        return line.toString();
    }
}
