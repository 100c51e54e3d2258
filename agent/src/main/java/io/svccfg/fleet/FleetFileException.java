package io.svccfg.fleet;

/**
 * A fleet file that cannot be used. The message is one line, {@code FILE:LINE: what was wrong; expected what}, so
 * that {@code svccfg plan} can print it as it is and editors can jump to the line.
 */
public final class FleetFileException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String file;
    private final int line;

    /**
     * @param line 1-based
     * @param problem what was wrong, naming the key or value
     * @param expected what would have been right
     */
    public FleetFileException(String file, int line, String problem, String expected) {
        super(file + ":" + line + ": " + oneLine(problem) + "; expected " + oneLine(expected));
        this.file = file;
        this.line = line;
    }

    public String file() {
        return file;
    }

    /** The 1-based line of the offending node. */
    public int line() {
        return line;
    }

    // Texts quoted from the file or from SnakeYAML may hold line breaks; the message must stay one line.
    private static String oneLine(String text) {
        return text.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
    }
}
