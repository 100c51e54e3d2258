package io.svccfg.plan;

import io.svccfg.config.Unassigned;
import io.svccfg.tuple.Endpoint;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.function.Predicate;

/**
 * Where a managed listener binds, given its assignment. A socket has one address and one port, so:
 * <ul>
 * <li>one endpoint: that endpoint; if its address is not on this host (NAT, {@code address=}), the wildcard of its
 * family on its port;
 * <li>several endpoints on one port: the wildcard of the family on that port (both families: the IPv6 wildcard,
 * which is dual-stack);
 * <li>several ports: the first endpoint only, and the choice says so;
 * <li>no endpoint: as {@code unassigned=} says: park on loopback with an ephemeral port, refuse, or as asked.
 * </ul>
 */
public record BindChoice(Kind kind, InetSocketAddress address, String why) {

    public enum Kind {
        /** Bound where DNS says. */
        ASSIGNED,
        /** Bound where nobody outside reaches it. */
        PARKED,
        /** The bind fails: {@code unassigned=fail}. */
        REFUSED,
        /** Bound as the application asked: {@code unassigned=passthrough}. */
        AS_ASKED
    }

    /** Loopback, ephemeral port: reachable from this host only, and bindable by any IPv4 or dual-stack socket. */
    public static final InetSocketAddress PARKING = new InetSocketAddress(address(new byte[] {127, 0, 0, 1}), 0);

    public static BindChoice choose(Assignment assignment, Unassigned policy, InetSocketAddress requested,
            Predicate<InetAddress> onThisHost) {
        if (assignment.isEmpty()) {
            return switch (policy) {
                case PARK -> new BindChoice(Kind.PARKED, PARKING, "no tuple for this host: parked");
                case FAIL -> new BindChoice(Kind.REFUSED, null, "no tuple for this host: unassigned=fail");
                case PASSTHROUGH -> new BindChoice(Kind.AS_ASKED, requested,
                        "no tuple for this host: unassigned=passthrough binds as asked");
            };
        }
        Endpoint first = assignment.endpoints().first();
        boolean onePort = true;
        boolean allIpv4 = true;
        for (Endpoint e : assignment.endpoints()) {
            onePort &= e.port() == first.port();
            allIpv4 &= e.address() instanceof Inet4Address;
        }
        if (assignment.endpoints().size() == 1) {
            return onThisHost.test(first.address())
                    ? new BindChoice(Kind.ASSIGNED, first.socketAddress(), "assigned " + assignment)
                    : new BindChoice(Kind.ASSIGNED, new InetSocketAddress(wildcard(first.address()), first.port()),
                            "assigned " + assignment + ", an address not on this host's interfaces: the wildcard");
        }
        if (onePort) {
            InetAddress any = allIpv4 ? wildcard(first.address()) : address(new byte[16]);
            return new BindChoice(Kind.ASSIGNED, new InetSocketAddress(any, first.port()),
                    "assigned " + assignment + ": the wildcard serves them all");
        }
        return new BindChoice(Kind.ASSIGNED, first.socketAddress(),
                "assigned " + assignment + ": one socket has one port, serving " + first + " only");
    }

    private static InetAddress wildcard(InetAddress like) {
        return address(new byte[like.getAddress().length]);
    }

    private static InetAddress address(byte[] bytes) {
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
