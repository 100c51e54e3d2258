package io.svccfg.agent;

import io.svccfg.cli.Version;
import io.svccfg.config.Config;
import io.svccfg.dns.DnsRead;
import io.svccfg.dns.DnsReadException;
import io.svccfg.dns.TupleSource;
import io.svccfg.identity.Identity;
import io.svccfg.identity.InterfaceAddresses;
import io.svccfg.plan.Plan;
import io.svccfg.tuple.Endpoint;
import io.svccfg.tuple.ServiceType;
import io.svccfg.tuple.Transport;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs, once and off the application's threads, what the DNS assigns this host: the configuration, the identity,
 * and the endpoints of every managed service.
 */
final class StartupReport implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(StartupReport.class);

    private final Config config;

    private StartupReport(Config config) {
        this.config = config;
    }

    static void startInBackground(Config config) {
        Thread thread = new Thread(new StartupReport(config), "svccfg-startup");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void run() {
        try {
            Identity identity = InterfaceAddresses.identity(config.addresses());
            log.info("svccfg {}: domains {}, identity {}, unassigned={}", Version.get(),
                    config.domains(), identity, config.unassigned().label());
            List<ServiceType> services = new ArrayList<>();
            for (String service : config.services().services()) {
                for (Transport transport : Transport.values()) {
                    services.add(new ServiceType(service, transport));
                }
            }
            TupleSource source = new TupleSource(config.dns(), config.tsig(), TupleSource.DEFAULT_TIMEOUT);
            DnsRead read = source.read(config.domains(), services);
            int assigned = 0;
            for (ServiceType service : services) {
                SortedSet<Endpoint> endpoints =
                        Plan.endpointsOnThisHost(read.tuples(), identity, service.service(), service.transport());
                if (!endpoints.isEmpty()) {
                    assigned++;
                    log.info("DNS assigns {} to this host at {}", service, endpoints);
                }
            }
            if (assigned == 0) {
                log.info("DNS assigns no service to this host ({} tuples read from {})", read.tuples().size(),
                        source.servers());
            }
        } catch (DnsReadException | SocketException e) {
            log.warn("cannot read what DNS assigns this host: {}", e.getMessage());
        } catch (RuntimeException e) {
            log.warn("svccfg start-up report failed", e);
        }
    }
}
