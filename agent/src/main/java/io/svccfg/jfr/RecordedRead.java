package io.svccfg.jfr;

/** A {@link ReadRecording} that a flight recorder sees; loaded only once one runs. */
final class RecordedRead implements ReadRecording {
    private final ReadEvent event = new ReadEvent();

    RecordedRead(String domains) {
        event.begin();
        event.domains = domains;
    }

    @Override
    public void end(String serials, int tuples, String outcome) {
        event.serials = serials;
        event.tuples = tuples;
        event.outcome = outcome;
        event.commit();
    }
}
