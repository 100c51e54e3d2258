package io.svccfg.jfr;

/** A {@link MoveRecording} that a flight recorder sees; loaded only once one runs. */
final class RecordedMove implements MoveRecording {
    private final MoveEvent event = new MoveEvent();

    RecordedMove(String service, String transport, String from) {
        event.begin();
        event.service = service;
        event.transport = transport;
        event.from = from;
    }

    @Override
    public void end(String to, String outcome) {
        event.to = to;
        event.outcome = outcome;
        event.commit();
    }
}
