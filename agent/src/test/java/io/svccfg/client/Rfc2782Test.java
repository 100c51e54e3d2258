package io.svccfg.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.svccfg.tuple.Transport;
import io.svccfg.tuple.Tuple;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class Rfc2782Test {
    static Tuple tuple(String address, int priority, int weight) {
        return tuple(address, priority, weight, "host" + address.substring(address.lastIndexOf('.') + 1));
    }

    static Tuple tuple(String address, int priority, int weight, String target) {
        try {
            return new Tuple("http", Transport.TCP, InetAddress.getByName(address), 80, priority, weight,
                    target + ".example.com", "example.com", 60);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static List<String> addresses(List<Tuple> tuples) {
        return tuples.stream().map(t -> t.address().getHostAddress()).toList();
    }

    /** Draws given in advance: nextLong(bound) returns the next one, checked to be within the bound. */
    static RandomGenerator draws(long... values) {
        Deque<Long> queue = new java.util.ArrayDeque<>();
        for (long v : values) {
            queue.add(v);
        }
        return new RandomGenerator() {
            @Override
            public long nextLong() {
                throw new AssertionError("unexpected draw");
            }

            @Override
            public long nextLong(long bound) {
                long v = queue.removeFirst();
                assertTrue(v >= 0 && v < bound, v + " not within [0, " + bound + ")");
                return v;
            }

            @Override
            public int nextInt(int bound) {
                return (int) nextLong(bound);
            }
        };
    }

    @Test
    void lowestPriorityFirst() {
        List<Tuple> tuples = List.of(tuple("10.0.0.3", 3, 0), tuple("10.0.0.1", 1, 0), tuple("10.0.0.2", 2, 0));
        assertEquals(List.of("10.0.0.1", "10.0.0.2", "10.0.0.3"), addresses(Rfc2782.order(tuples, draws(0, 0, 0))));
    }

    @Test
    void withinAPriorityTheDrawPicksTheFirstRecordWhoseRunningSumReachesIt() {
        List<Tuple> tuples = List.of(tuple("10.0.0.1", 1, 10), tuple("10.0.0.2", 1, 20), tuple("10.0.0.3", 1, 30));
        // sums 10, 30, 60: a draw of 25 picks .2; then .1 (10) .3 (40): a draw of 11 picks .3; then .1.
        assertEquals(List.of("10.0.0.2", "10.0.0.3", "10.0.0.1"), addresses(Rfc2782.order(tuples, draws(25, 11, 5))));
        assertEquals(List.of("10.0.0.1", "10.0.0.2", "10.0.0.3"), addresses(Rfc2782.order(tuples, draws(10, 20, 30))));
        assertEquals(List.of("10.0.0.3", "10.0.0.2", "10.0.0.1"), addresses(Rfc2782.order(tuples, draws(60, 30, 10))));
    }

    @Test
    void weightZeroRecordsComeFirstInTheListSoOnlyADrawOfZeroPicksThem() {
        List<Tuple> tuples = List.of(tuple("10.0.0.1", 1, 50), tuple("10.0.0.2", 1, 0));
        assertEquals(List.of("10.0.0.2", "10.0.0.1"), addresses(Rfc2782.order(tuples, draws(0, 0))));
        assertEquals(List.of("10.0.0.1", "10.0.0.2"), addresses(Rfc2782.order(tuples, draws(1, 0))));
    }

    @Test
    void allWeightsZeroGiveARandomOrder() {
        List<Tuple> tuples = List.of(tuple("10.0.0.1", 1, 0), tuple("10.0.0.2", 1, 0), tuple("10.0.0.3", 1, 0));
        Map<String, Integer> firsts = new TreeMap<>();
        RandomGenerator random = new SplittableRandom(7);
        for (int i = 0; i < 3000; i++) {
            firsts.merge(addresses(Rfc2782.order(tuples, random)).get(0), 1, Integer::sum);
        }
        assertEquals(3, firsts.size(), firsts.toString());
        firsts.values().forEach(n -> assertTrue(n > 800, firsts.toString()));
    }

    @Test
    void aTargetWithSeveralAddressesIsOneRecordAndKeepsItsAddressesTogether() {
        List<Tuple> tuples = List.of(tuple("10.0.0.1", 1, 10, "a"), tuple("10.0.0.9", 1, 10, "b"),
                tuple("10.0.0.2", 1, 10, "a"));
        assertEquals(List.of("10.0.0.9", "10.0.0.1", "10.0.0.2"), addresses(Rfc2782.order(tuples, draws(15, 0))));
    }

    @Test
    void weights100And300AreChosenFirstAboutOneToThree() {
        List<Tuple> tuples = List.of(tuple("10.0.0.1", 1, 100), tuple("10.0.0.2", 1, 300));
        RandomGenerator random = new Random(2782);
        int draws = 100_000;
        int heavyFirst = 0;
        for (int i = 0; i < draws; i++) {
            if (Rfc2782.order(tuples, random).get(0).weight() == 300) {
                heavyFirst++;
            }
        }
        double share = heavyFirst / (double) draws;
        // Expected 301/401 = 0.7506 (the draw is 0..400 inclusive); 5 standard deviations is 0.007.
        assertEquals(0.7506, share, 0.007, "share of the weight-300 record first");
    }

    @Test
    void nothingInNothingOut() {
        assertEquals(List.of(), Rfc2782.order(new ArrayList<>(), draws()));
    }
}
