package io.svccfg.listener;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.svccfg.config.ServicePorts;
import io.svccfg.identity.Identity;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * What the look for unmanaged listeners costs at each read: {@code /proc/self/fd} and the four {@code /proc/net}
 * tables read and matched, in a process holding 10 and then 1,000 listening sockets. Not part of the build (no
 * {@code Test} suffix): {@code mvn test -pl agent -Dtest=UnmanagedLookBenchmark}.
 */
class UnmanagedLookBenchmark {
    private static final int RUNS = 200;

    @Test
    void costOfOneLook() throws Exception {
        UnmanagedListeners look = new UnmanagedListeners(new ListenerRegistry(), List::of, ServicePorts.wellKnown(), 0);
        Identity identity = Identity.of(Set.of(InetAddress.getLoopbackAddress()));
        List<ServerSocketChannel> open = new ArrayList<>();
        try {
            for (int sockets : new int[] {10, 1000}) {
                while (open.size() < sockets) {
                    ServerSocketChannel channel = ServerSocketChannel.open();
                    channel.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
                    open.add(channel);
                }
                assertEquals(sockets, ListeningSockets.ofThisProcess().size(), "the sockets the look sees");
                double[] millis = new double[RUNS];
                for (int i = -RUNS; i < RUNS; i++) { // the first RUNS warm up
                    long start = System.nanoTime();
                    look.look(List.of(), java.util.Set.of(), identity);
                    if (i >= 0) {
                        millis[i] = (System.nanoTime() - start) / 1e6;
                    }
                }
                Arrays.sort(millis);
                System.out.printf("BENCHMARK look for unmanaged listeners, %d listening sockets in the process: p50"
                        + " %.2f ms, p99 %.2f ms (%d runs)%n", sockets, millis[RUNS / 2], millis[RUNS * 99 / 100],
                        RUNS);
            }
        } finally {
            for (ServerSocketChannel channel : open) {
                channel.close();
            }
        }
    }
}
