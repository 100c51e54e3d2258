package io.svccfg.reconcile;

import io.svccfg.identity.AddressWatch;
import io.svccfg.identity.Identity;
import io.svccfg.identity.InterfaceAddresses;
import io.svccfg.log.Logs;
import java.net.SocketException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;

/**
 * The reconciler's side of {@link AddressWatch}: looks at the interfaces' addresses every {@link #EVERY}. An address
 * bound to or removed from this host changes which tuples are for it, so the listeners follow at once, with the last
 * good tuples and no read: the DNS did not change. Used only when {@code address=} does not fix the identity.
 */
final class AddressWatching {
    private static final Logger log = Logs.of(AddressWatching.class);
    /** How often the addresses of the interfaces are looked at. */
    static final Duration EVERY = Duration.ofSeconds(2);

    private final ReadState state;
    private final ReadAndReconcile reconcile;
    private final ScheduledExecutorService thread;

    AddressWatching(ReadState state, ReadAndReconcile reconcile, ScheduledExecutorService thread) {
        this.state = state;
        this.reconcile = reconcile;
        this.thread = thread;
    }

    /** Watches from the identity known now on, on the agent's thread. */
    void start() {
        AddressWatch watch = new AddressWatch(AddressWatching::interfaceAddresses, state.identity());
        thread.scheduleWithFixedDelay(() -> check(watch), EVERY.toMillis(), EVERY.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** One whose address went away parks until a tuple gives it another endpoint; the next poll reads again. */
    private void check(AddressWatch watch) {
        try {
            watch.check().ifPresent(change -> {
                log.info("this host's addresses changed: {}", change.what());
                state.identity(change.identity());
                reconcile.followLastGood(true);
            });
        } catch (RuntimeException e) {
            // A failed look at the interfaces changes nothing: the identity stays and the next check tries again.
            log.debug("address watch: {}", e.toString());
        }
    }

    private static Identity interfaceAddresses() {
        try {
            return InterfaceAddresses.identity(List.of());
        } catch (SocketException e) {
            throw new IllegalStateException(e);
        }
    }
}
