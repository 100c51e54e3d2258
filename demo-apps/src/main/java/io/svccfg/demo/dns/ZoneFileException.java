package io.svccfg.demo.dns;

import java.util.OptionalInt;

/**
 * A zone file that cannot be served: names the file (or the label of zone text), the line when the parser knows it,
 * what was wrong and what was expected, so that one line on stderr is enough to fix the file.
 */
public final class ZoneFileException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String source;
    private final OptionalInt line;

    ZoneFileException(String source, OptionalInt line, String problem, String expected) {
        super(source + (line.isPresent() ? " line " + line.getAsInt() : "") + ": " + problem + "; expected "
                + expected);
        this.source = source;
        this.line = line;
    }

    /** The file, or the label given to zone text. */
    public String source() {
        return source;
    }

    public OptionalInt line() {
        return line;
    }
}
