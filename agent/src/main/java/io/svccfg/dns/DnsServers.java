package io.svccfg.dns;

import io.svccfg.config.HostPort;
import io.svccfg.config.TsigKey;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.ResolverConfig;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.TSIG;
import org.xbill.DNS.Type;

/**
 * Asks the DNS servers, in order, one question at a time, with no cache: every answer is the DNS as it is now.
 * A server that times out, answers SERVFAIL or REFUSED, or whose answer fails its TSIG check, is skipped for the
 * next one; when none answers, the question fails.
 */
final class DnsServers {
    private final List<SimpleResolver> resolvers = new ArrayList<>();
    private final boolean signed;

    DnsServers(List<HostPort> servers, Optional<TsigKey> tsig, Duration timeout) {
        List<InetSocketAddress> addresses = servers.isEmpty()
                ? ResolverConfig.getCurrentConfig().servers()
                : servers.stream().map(HostPort::resolve).toList();
        TSIG key = tsig.map(k -> new TSIG(TSIG.algorithmToName(k.algorithm()), Name.fromConstantString(k.name() + "."),
                k.secret())).orElse(null);
        for (InetSocketAddress address : addresses) {
            SimpleResolver resolver = new SimpleResolver(address);
            resolver.setTimeout(timeout);
            resolver.setTSIGKey(key);
            resolvers.add(resolver);
        }
        this.signed = key != null;
    }

    /** The answer of the first server that gives one, NOERROR or NXDOMAIN. */
    Message ask(Name name, int type) throws DnsReadException {
        List<String> failures = new ArrayList<>();
        for (SimpleResolver resolver : resolvers) {
            String server = describe(resolver.getAddress());
            try {
                Message answer = send(resolver, Message.newQuery(Record.newRecord(name, type, DClass.IN)));
                int rcode = answer.getRcode();
                if (signed && !answer.isVerified()) {
                    failures.add(server + " answered without a valid TSIG signature");
                } else if (rcode == Rcode.NOERROR || rcode == Rcode.NXDOMAIN) {
                    return answer;
                } else {
                    failures.add(server + " answered " + Rcode.string(rcode));
                }
            } catch (TimeoutException | SocketTimeoutException e) {
                failures.add(server + " timed out after " + resolver.getTimeout().toMillis() + " ms");
            } catch (PortUnreachableException e) {
                failures.add(server + " refused the query (nothing listens there)");
            } catch (IOException | RuntimeException e) {
                failures.add(server + " failed: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
            }
        }
        if (failures.isEmpty()) {
            failures.add("no DNS server is configured");
        }
        throw new DnsReadException("cannot read " + name + " " + Type.string(type) + ": " + String.join("; ", failures));
    }

    /** dnsjava's own timeout ends the exchange; the wait here only guards against it never firing. */
    private static Message send(SimpleResolver resolver, Message query)
            throws IOException, TimeoutException, DnsReadException {
        try {
            return resolver.sendAsync(query).toCompletableFuture()
                    .get(resolver.getTimeout().toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            throw new IOException(cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DnsReadException("interrupted while asking " + describe(resolver.getAddress()));
        }
    }

    List<String> describe() {
        return resolvers.stream().map(r -> describe(r.getAddress())).toList();
    }

    private static String describe(InetSocketAddress address) {
        String host = address.isUnresolved() ? address.getHostString() : address.getAddress().getHostAddress();
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + address.getPort();
    }
}
