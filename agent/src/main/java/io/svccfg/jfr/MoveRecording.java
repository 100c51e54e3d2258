package io.svccfg.jfr;

/** One move of a live listener as a {@link MoveEvent}, or nothing when no flight recorder runs (see {@link Jfr}). */
public interface MoveRecording {
    /** The move of the listener of {@code service} over {@code transport} away from {@code from} begins. */
    static MoveRecording begin(String service, String transport, String from) {
        return Jfr.recording() ? new RecordedMove(service, transport, from) : NotRecorded.INSTANCE;
    }

    /** The move ended, at {@code to} or trying it, with its outcome. */
    void end(String to, String outcome);
}
