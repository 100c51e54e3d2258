package io.svccfg.dns;

import java.util.function.Supplier;

/**
 * The tuple source, made once on whichever of svccfg's threads first needs it: making it starts dnsjava (150-300 ms
 * of class initialisation on two CPUs), which the agent puts off until after the first read when the {@link
 * EarlyRead early read} can make that one, so that the application's first bind does not share the CPUs with it.
 * A making that fails is tried again at the next {@link #get}.
 */
public final class LazyTupleSource implements Supplier<TupleSource> {
    private final Supplier<TupleSource> maker;
    private volatile TupleSource made;

    public LazyTupleSource(Supplier<TupleSource> maker) {
        this.maker = maker;
    }

    /** A source made already. */
    public static LazyTupleSource of(TupleSource made) {
        LazyTupleSource source = new LazyTupleSource(() -> made);
        source.made = made;
        return source;
    }

    /** The source, made now if it was not: waits while another thread makes it. */
    @Override
    public TupleSource get() {
        TupleSource source = made;
        if (source != null) {
            return source;
        }
        synchronized (this) {
            if (made == null) {
                made = maker.get();
            }
            return made;
        }
    }

    /** Whether the source is made, without making it. */
    public boolean isMade() {
        return made != null;
    }
}
