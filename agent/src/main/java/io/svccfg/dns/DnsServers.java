package io.svccfg.dns;

import io.svccfg.config.HostPort;
import io.svccfg.config.TsigKey;
import io.svccfg.tuple.AddressText;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
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
 * Asks the DNS servers one question at a time, with no cache: every answer is the DNS as it is now. The servers
 * are tried in the order given, starting from the one that answered last. A server that times out, answers
 * SERVFAIL or REFUSED, or whose answer fails its TSIG check or {@link Answers#problem its content check}, is skipped
 * for the next one; when none answers, the question fails.
 */
final class DnsServers {
    private final List<SimpleResolver> resolvers = new ArrayList<>();
    private final boolean signed;
    /** Questions outstanding at once, to all servers together. */
    static final int MAX_IN_FLIGHT = 64;

    private final AtomicLong questions = new AtomicLong();
    private final InFlight inFlight = new InFlight(MAX_IN_FLIGHT);
    private volatile int preferred;

    DnsServers(List<HostPort> servers, Optional<TsigKey> tsig, Duration timeout) {
        List<InetSocketAddress> addresses = servers.isEmpty()
                ? ResolverConfig.getCurrentConfig().servers()
                : servers.stream().map(HostPort::resolve).toList();
        TSIG key = tsig.map(Tsigs::of).orElse(null);
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
        return await(askAsync(name, type));
    }

    /**
     * Asks without waiting, so that a read sends all its questions at once: the answer of the first server that
     * gives one, or a {@link DnsReadException} naming what each server did.
     */
    CompletableFuture<Message> askAsync(Name name, int type) {
        return askFrom(preferred, 0, Record.newRecord(name, type, DClass.IN), new ArrayList<>());
    }

    /** The answer of a question asked with {@link #askAsync}. */
    static Message await(CompletableFuture<Message> answer) throws DnsReadException {
        try {
            return answer.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof DnsReadException failed) {
                throw failed;
            }
            throw new DnsReadException(String.valueOf(e.getCause()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DnsReadException("interrupted");
        }
    }

    /**
     * Asks the servers in turn, starting with {@code first} (the one that answered last: a dead server then costs
     * one timeout, not one per question), {@code tried} of them asked already.
     */
    private CompletableFuture<Message> askFrom(int first, int tried, Record question, List<String> failures) {
        if (tried == resolvers.size()) {
            if (failures.isEmpty()) {
                failures.add("no DNS server is configured");
            }
            return CompletableFuture.failedFuture(new DnsReadException("cannot read " + question.getName() + " "
                    + Type.string(question.getType()) + ": " + String.join("; ", failures)));
        }
        int index = (first + tried) % resolvers.size();
        SimpleResolver resolver = resolvers.get(index);
        questions.incrementAndGet();
        // dnsjava's own timeout ends the exchange; orTimeout only guards against it never firing.
        // Continue on dnsjava's own I/O thread (the work is a parse and a check): not on the JVM's common pool,
        // which belongs to the application.
        return inFlight.submit(() -> resolver.sendAsync(Message.newQuery(question), Runnable::run)
                        .toCompletableFuture()
                        .orTimeout(resolver.getTimeout().toMillis() + 1000, TimeUnit.MILLISECONDS))
                .handle((answer, error) -> {
                    String problem = problem(resolver, question, answer, error);
                    if (problem == null) {
                        preferred = index;
                        return CompletableFuture.completedFuture(answer);
                    }
                    failures.add(describe(resolver.getAddress()) + " " + problem);
                    return askFrom(first, tried + 1, question, failures);
                })
                .thenCompose(next -> next);
    }

    /** Why an answer is not usable, or null when it is. */
    private String problem(SimpleResolver resolver, Record question, Message answer, Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof TimeoutException || cause instanceof SocketTimeoutException) {
            return "timed out after " + resolver.getTimeout().toMillis() + " ms";
        }
        if (cause instanceof PortUnreachableException) {
            return "refused the query (nothing listens there)";
        }
        if (cause != null) {
            return "failed: " + (cause.getMessage() == null ? cause.toString() : cause.getMessage());
        }
        if (signed && !answer.isVerified()) {
            return "answered without a valid TSIG signature";
        }
        int rcode = answer.getRcode();
        if (rcode != Rcode.NOERROR && rcode != Rcode.NXDOMAIN) {
            return "answered " + Rcode.string(rcode);
        }
        return Answers.problem(question, answer);
    }

    long questions() {
        return questions.get();
    }

    List<String> describe() {
        return resolvers.stream().map(r -> describe(r.getAddress())).toList();
    }

    private static String describe(InetSocketAddress address) {
        return address.isUnresolved() ? address.getHostString() + ":" + address.getPort()
                : AddressText.of(address.getAddress(), address.getPort());
    }
}
