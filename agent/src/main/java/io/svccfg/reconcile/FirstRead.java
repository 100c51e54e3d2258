package io.svccfg.reconcile;

import io.svccfg.Version;
import io.svccfg.config.Config;
import io.svccfg.dns.DnsRead;
import io.svccfg.dns.EarlyRead;
import io.svccfg.identity.Identity;
import io.svccfg.identity.InterfaceAddresses;
import io.svccfg.interception.AgentThreads;
import io.svccfg.jfr.ReadRecording;
import io.svccfg.log.Logs;
import io.svccfg.tuple.ServiceType;
import java.net.SocketException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;

/**
 * What the application's first managed bind waits for, begun before anything else of svccfg's: the first read and
 * this host's identity. Making the reconciler takes 30-70 ms on a cold JVM (its classes, executor and lambdas, on
 * CPUs that the application's start-up shares), so the {@link EarlyRead early reader} makes the first read on a
 * thread of its own meanwhile, asking for the services in use once its SOA answers are in (a bind that came during
 * them is then covered by this read, not the next), and wakes the binds waiting for it; the reconciler's first poll
 * then takes this read ({@link #take}) instead of reading again. When the early reader cannot make the first read,
 * or the options do not allow it, that first poll reads as any poll does.
 */
public final class FirstRead {
    private static final Logger log = Logs.of(FirstRead.class);

    private final Optional<EarlyRead> reader;
    private final ReadState state;
    private final CountDownLatch ended = new CountDownLatch(1);
    /** Completed when a bind asks for a read after the first read ended: it did not cover the bind's service. */
    private final CompletableFuture<Void> readAsked = new CompletableFuture<>();
    private volatile Optional<DnsRead> read = Optional.empty();
    private volatile ReadRecording event;
    /** Whether the reconciler took it already: only its first poll does. */
    private boolean taken;

    private FirstRead(Optional<EarlyRead> reader, ReadState state) {
        this.reader = reader;
        this.state = state;
    }

    /**
     * Begins the first read on a thread of its own, when the early reader can make it, then lists this host's
     * addresses on the calling thread: the read does not need them, only its end, which waits for them.
     */
    public static FirstRead begin(Config config, ReadState state) {
        FirstRead first = new FirstRead(EarlyRead.of(config.dns(), config.tsig(), config.listeningPoints()), state);
        // Until the reconciler reads for them: the binds that this read does not cover (see awaitFirstBind). Here
        // and below classes, not lambdas: each lambda's class is generated at its first use, on the first read's path.
        state.readsWith(new Runnable() {
            @Override
            public void run() {
                if (first.ended.getCount() == 0) {
                    first.readAsked.complete(null);
                }
            }
        });
        if (first.reader.isPresent()) {
            AgentThreads.start("svccfg-first-read", new Runnable() {
                @Override
                public void run() {
                    first.read(config, state);
                }
            });
        } else {
            first.ended.countDown();
        }
        listIdentity(config, state);
        return first;
    }

    /**
     * Waits, when the early reader made the first read, until the application's first managed bind returned
     * ({@code firstBound}), a bind asks for a read that the first did not cover, or {@code max} passed: what is made
     * after this (the reconciler, dnsjava) then does not share the CPUs with that bind's decision. Returns once the
     * first read ended when the early reader did not make it: the reconciler's first poll has to.
     */
    public void awaitFirstBind(CompletableFuture<?> firstBound, Duration max) {
        awaitEnd();
        Optional<DnsRead> made = read;
        if (made.isEmpty() || !made.get().coversAll(state.inUse())) {
            return;
        }
        CompletableFuture.anyOf(firstBound, readAsked).completeOnTimeout(null, max.toMillis(), TimeUnit.MILLISECONDS)
                .join();
    }

    private void read(Config config, ReadState state) {
        try {
            event = ReadRecording.begin(String.join(",", config.names()));
            Set<ServiceType> named = ReadAndReconcile.named(config);
            Optional<DnsRead> made = reader.get().read(config.domains(), new Supplier<Set<ServiceType>>() {
                @Override
                public Set<ServiceType> get() {
                    return ReadAndReconcile.asked(named, state.readStarts());
                }
            });
            if (made.isPresent()) {
                state.awaitIdentity();
                state.succeeded(made.get());
                read = made;
            }
        } finally {
            ended.countDown();
        }
    }

    private static void listIdentity(Config config, ReadState state) {
        Identity identity = Identity.of(List.of());
        try {
            identity = InterfaceAddresses.identity(config.addresses());
        } catch (SocketException e) {
            log.error("cannot list this host's addresses ({}): no tuple is for this host; give them with address=",
                    e.toString());
        } finally {
            state.identity(identity);
        }
        log.info("svccfg {}: domains {}{}, identity {}, unassigned={}", Version.get(), config.domains(),
                config.listeningPoints().isEmpty() ? "" : ", listening points " + config.listeningPoints(),
                identity, config.unassigned().label());
    }

    /** The early reader, when the options allow one: the later reads use it too until dnsjava has started. */
    Optional<EarlyRead> reader() {
        return reader;
    }

    /**
     * For the reconciler's first poll, on its thread: the first read once it ended, when the early reader made it
     * (the binds it covered have gone on already); empty when it did not, and at every later poll.
     */
    Optional<DnsRead> take() {
        if (taken) {
            return Optional.empty();
        }
        taken = true;
        awaitEnd();
        return read;
    }

    private void awaitEnd() {
        ReadState.awaitUninterruptibly(ended);
    }

    /** The recording of the first read, begun when it began; null before. */
    ReadRecording event() {
        return event;
    }
}
