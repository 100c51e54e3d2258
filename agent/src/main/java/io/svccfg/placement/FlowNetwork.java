package io.svccfg.placement;

import java.util.Arrays;

/**
 * Whether a fleet can give every service its volume with no server above a given utilisation: a maximum flow (Dinic)
 * from the services, each with its volume, over the pairs the fleet allows, to the servers, each taking capacity x
 * utilisation. The flow reaches the whole volume exactly when such loads exist.
 */
final class FlowNetwork {
    private final Pairs pairs;
    private final int source;
    private final int sink;
    private final int[] head;
    private final int[] next;
    private final int[] to;
    private final double[] room;
    private int edges;
    private final int[] level;
    private final int[] cursor;

    FlowNetwork(Pairs pairs) {
        this.pairs = pairs;
        int services = pairs.services.size();
        int servers = pairs.servers.size();
        source = services + servers;
        sink = source + 1;
        head = new int[sink + 1];
        int arcs = 2 * (services + pairs.size() + servers);
        next = new int[arcs];
        to = new int[arcs];
        room = new double[arcs];
        level = new int[sink + 1];
        cursor = new int[sink + 1];
    }

    /** Whether the services' whole volume fits with every server at most at {@code utilisation}. */
    boolean fits(double utilisation, double[] capShare) {
        double[] limit = new double[pairs.servers.size()];
        java.util.Arrays.fill(limit, utilisation);
        return shares(limit, capShare) != null;
    }

    /**
     * Shares of the services' volumes with every server at most at its {@code limit} and each pair's share at most
     * {@code capShare} (null: uncapped); null when there are none. A feasible point, not a good one: phase 2 starts
     * its search around it.
     */
    double[] shares(double[] limit, double[] capShare) {
        Arrays.fill(head, -1);
        edges = 0;
        double volume = 0;
        for (int v = 0; v < pairs.services.size(); v++) {
            volume += pairs.services.get(v).volume();
            arc(source, v, pairs.services.get(v).volume());
        }
        for (int pair = 0; pair < pairs.size(); pair++) {
            arc(pairs.service[pair], pairs.services.size() + pairs.server[pair],
                    capShare == null ? Double.POSITIVE_INFINITY : capShare[pair] * pairs.volume(pair));
        }
        for (int s = 0; s < pairs.servers.size(); s++) {
            arc(pairs.services.size() + s, sink, pairs.servers.get(s).capacity() * limit[s]);
        }
        double noise = volume * 1e-12;
        double flow = 0;
        while (levels(noise)) {
            System.arraycopy(head, 0, cursor, 0, head.length);
            for (double pushed; (pushed = push(source, Double.POSITIVE_INFINITY, noise)) > noise; ) {
                flow += pushed;
            }
        }
        if (flow < volume - volume * 1e-9) {
            return null;
        }
        double[] share = new double[pairs.size()];
        int firstPairArc = 2 * pairs.services.size();
        for (int pair = 0; pair < share.length; pair++) {
            double volumeOf = pairs.volume(pair);
            share[pair] = volumeOf == 0 ? 0 : room[firstPairArc + 2 * pair + 1] / volumeOf;
        }
        return share;
    }

    private void arc(int from, int into, double capacity) {
        to[edges] = into;
        room[edges] = capacity;
        next[edges] = head[from];
        head[from] = edges++;
        to[edges] = from;
        room[edges] = 0;
        next[edges] = head[into];
        head[into] = edges++;
    }

    private boolean levels(double noise) {
        Arrays.fill(level, -1);
        int[] queue = new int[level.length];
        int first = 0;
        int last = 0;
        queue[last++] = source;
        level[source] = 0;
        while (first < last) {
            int node = queue[first++];
            for (int e = head[node]; e >= 0; e = next[e]) {
                if (room[e] > noise && level[to[e]] < 0) {
                    level[to[e]] = level[node] + 1;
                    queue[last++] = to[e];
                }
            }
        }
        return level[sink] >= 0;
    }

    private double push(int node, double amount, double noise) {
        if (node == sink) {
            return amount;
        }
        for (; cursor[node] >= 0; cursor[node] = next[cursor[node]]) {
            int e = cursor[node];
            if (room[e] > noise && level[to[e]] == level[node] + 1) {
                double pushed = push(to[e], Math.min(amount, room[e]), noise);
                if (pushed > noise) {
                    room[e] -= pushed;
                    room[e ^ 1] += pushed;
                    return pushed;
                }
            }
        }
        return 0;
    }
}
