package io.svccfg.client;

import io.svccfg.tuple.Tuple;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Tries servers in order and fails over to the next when one cannot be reached. */
public final class Failover {
    private Failover() {
    }

    /** One attempt to reach the server of a tuple. */
    @FunctionalInterface
    public interface Attempt<T> {
        T connect(Tuple tuple) throws IOException;
    }

    /**
     * The result of the first attempt that succeeds, trying {@code ordered} in order (see {@link Rfc2782}).
     *
     * @param what names the service in the error, like {@code _http._tcp.example.com}
     * @throws NoServerLeftException when every attempt failed, or there was no tuple
     */
    public static <T> T connect(String what, List<Tuple> ordered, Attempt<T> attempt) throws NoServerLeftException {
        List<IOException> failures = new ArrayList<>();
        List<String> reasons = new ArrayList<>();
        for (Tuple tuple : ordered) {
            try {
                return attempt.connect(tuple);
            } catch (IOException e) {
                failures.add(e);
                reasons.add(tuple.endpoint() + " (" + e.getMessage() + ")");
            }
        }
        NoServerLeftException none = new NoServerLeftException(ordered.isEmpty()
                ? "no server for " + what + ": DNS has no tuple"
                : "no server left for " + what + ": tried " + String.join(", ", reasons));
        failures.forEach(none::addSuppressed);
        throw none;
    }
}
