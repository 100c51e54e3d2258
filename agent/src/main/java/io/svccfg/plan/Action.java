package io.svccfg.plan;

/** What the reconciler does to one listener, going from its current assignment to the new one. */
public record Action(ListenerKey listener, Kind kind, Assignment from, Assignment to) {

    public enum Kind {
        /** Was unassigned (parked), now assigned: start serving. */
        OPEN,
        /** Assigned before and now, to other endpoints: move the live listener. */
        MOVE,
        /** Was assigned, now unassigned: stop serving, park. */
        PARK,
        /** The same before and now: leave it alone. */
        KEEP
    }

    @Override
    public String toString() {
        return kind + " " + listener + ": " + from + " -> " + to;
    }
}
