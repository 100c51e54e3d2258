package io.svccfg.listener;

import io.svccfg.config.Config;
import io.svccfg.dns.DnsRead;
import io.svccfg.identity.Identity;
import io.svccfg.interception.BindListener;
import io.svccfg.plan.Assignment;
import io.svccfg.plan.BindChoice;
import io.svccfg.plan.ListenerKey;
import io.svccfg.plan.Plan;
import io.svccfg.reconcile.ReadState;
import io.svccfg.tuple.Transport;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides where each managed listener binds when the application binds it, and registers it. Ports mapped to no
 * service, port 0 and non-IP addresses are left alone.
 */
public final class ListenerBinder implements BindListener {
    private static final Logger log = LoggerFactory.getLogger(ListenerBinder.class);

    private final Config config;
    private final ReadState reads;
    private final ListenerRegistry registry;
    private final Duration firstReadWait;

    public ListenerBinder(Config config, ReadState reads, ListenerRegistry registry, Duration firstReadWait) {
        this.config = config;
        this.reads = reads;
        this.registry = registry;
        this.firstReadWait = firstReadWait;
    }

    @Override
    public Object onBind(Object socket, SocketAddress asked, int backlog, Transport transport) {
        if (!(asked instanceof InetSocketAddress requested) || requested.getPort() == 0) {
            return null;
        }
        Optional<String> service = config.services().serviceFor(requested.getPort());
        if (service.isEmpty()) {
            return null;
        }
        ListenerKey key = new ListenerKey(service.get(), transport, requested.getPort());
        Optional<DnsRead> read = reads.awaitFirst(firstReadWait);
        Identity identity = reads.identity();
        Assignment assignment = read
                .map(r -> Plan.assign(r.tuples(), identity, registry.keysWith(key)).get(key))
                .orElse(Assignment.NONE);
        BindChoice choice = BindChoice.choose(assignment, config.unassigned(), requested, Addresses::onThisHost);
        String why = read.isPresent() ? choice.why()
                : "DNS not read within " + firstReadWait.toMillis() + " ms (" + reads.lastError() + "), "
                        + choice.why();

        if (choice.kind() == BindChoice.Kind.REFUSED) {
            String message = "svccfg: no tuple of " + config.domains() + " assigns " + key.service() + "/"
                    + transport.label() + " to this host " + identity + " (unassigned=fail)";
            log.info("{}/{} asked {}, bind refused: {}", key.service(), transport.label(), Addresses.text(requested),
                    why);
            return new BindException(message);
        }
        ListenerState target = choice.kind() == BindChoice.Kind.PARKED ? ListenerState.PARKED : ListenerState.ACTIVE;
        registry.add(new Listener(key, requested, backlog, socket, assignment, target, why));
        return choice.kind() == BindChoice.Kind.AS_ASKED ? null : choice.address();
    }

    @Override
    public void onBound(Object socket, Throwable failure) {
        Listener listener = registry.binding(socket);
        if (listener == null) {
            return;
        }
        if (failure != null) {
            registry.remove(listener);
            log.warn("{}: bind failed: {} ({})", listener, failure, listener.why());
            return;
        }
        InetSocketAddress bound;
        try {
            bound = SocketView.localAddress(socket);
        } catch (IOException e) {
            bound = null;
        }
        listener.bound(bound);
        log.info("{}: {}", listener, listener.why());
    }
}
