package io.svccfg.demo;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The life of a process that runs demo services, on stdout, one flushed line each:
 * <ul>
 * <li>{@code PROTOCOL listening on ADDR:PORT} after each bind, as the socket reports it;</li>
 * <li>{@code BIND FAILED PROTOCOL ExceptionSimpleName: message} if a bind fails; exit status 3;</li>
 * <li>{@code ERROR ExceptionSimpleName: message} if a service's listening socket was closed under it; exit 4.</li>
 * </ul>
 * Otherwise the process runs until killed.
 */
final class ServiceRunner {
    /** Binds one service and starts it serving. */
    interface Opener {
        Service open() throws IOException;
    }

    private ServiceRunner() {
    }

    static void run(String protocol, Opener opener) {
        run(List.of(protocol), List.of(opener));
    }

    /** Opens the services in order, each announced as soon as it is bound, then waits for one to stop. */
    static void run(List<String> protocols, List<Opener> openers) {
        List<CompletableFuture<Void>> stopped = new ArrayList<>();
        for (int i = 0; i < openers.size(); i++) {
            Service service;
            try {
                service = openers.get(i).open();
            } catch (IOException | RuntimeException e) {
                Out.line("BIND FAILED " + protocols.get(i) + " " + Out.describe(e));
                System.exit(3);
                return;
            }
            Out.line(service.protocol() + " listening on " + Addresses.format(service.localAddress()));
            stopped.add(service.stopped());
        }
        try {
            // The services' threads are daemons; this wait is what keeps the JVM up.
            CompletableFuture.anyOf(stopped.toArray(CompletableFuture[]::new)).join();
        } catch (CompletionException e) {
            Out.error(e.getCause());
        }
        System.exit(4); // nobody here closes a service: if one stopped, its socket was closed under it
    }
}
