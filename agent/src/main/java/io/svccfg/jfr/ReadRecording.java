package io.svccfg.jfr;

/** One DNS read of svccfg as a {@link ReadEvent}, or nothing when no flight recorder runs (see {@link Jfr}). */
public interface ReadRecording {
    /** The read of {@code domains} begins. */
    static ReadRecording begin(String domains) {
        return Jfr.recording() ? new RecordedRead(domains) : NotRecorded.INSTANCE;
    }

    /** The read ended: with the serials it saw, its number of tuples and how it ended. */
    void end(String serials, int tuples, String outcome);
}
