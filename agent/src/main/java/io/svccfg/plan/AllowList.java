package io.svccfg.plan;

import io.svccfg.tuple.AddressText;
import io.svccfg.tuple.Tuple;
import java.net.InetAddress;
import java.util.List;
import java.util.Objects;

/**
 * Where DNS may put this host's listeners ({@code allow=}): a guard rail against a forged or mistaken record that
 * would expose an internal service on a public interface or a privileged port. No rule: anything is allowed.
 */
public record AllowList(List<Rule> rules) {
    public static final AllowList ANYTHING = new AllowList(List.of());

    public AllowList {
        rules = List.copyOf(rules);
    }

    /** Whether a tuple's endpoint lies within some rule. */
    public boolean permits(Tuple tuple) {
        return rules.isEmpty() || rules.stream().anyMatch(r -> r.permits(tuple.address(), tuple.port()));
    }

    /** A network ({@code prefix} leading bits of {@code network}) and the ports {@code from}-{@code to} in it. */
    public record Rule(InetAddress network, int prefix, int from, int to) {
        public Rule {
            Objects.requireNonNull(network, "network");
            int bits = network.getAddress().length * 8;
            if (prefix < 0 || prefix > bits) {
                throw new IllegalArgumentException("the prefix length must be 0-" + bits);
            }
            if (from < 1 || to > 65535 || from > to) {
                throw new IllegalArgumentException("the ports must be 1-65535, the first not above the last");
            }
        }

        boolean permits(InetAddress address, int port) {
            if (port < from || port > to) {
                return false;
            }
            byte[] a = address.getAddress();
            byte[] n = network.getAddress();
            if (a.length != n.length) {
                return false;
            }
            int full = prefix / 8;
            for (int i = 0; i < full; i++) {
                if (a[i] != n[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            int mask = (0xff << (8 - rest)) & 0xff;
            return rest == 0 || (a[full] & mask) == (n[full] & mask);
        }

        @Override
        public String toString() {
            String host = AddressText.of(network);
            String cidr = (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + "/" + prefix;
            return from == 1 && to == 65535 ? cidr : cidr + ":" + (from == to ? "" + from : from + "-" + to);
        }
    }
}
