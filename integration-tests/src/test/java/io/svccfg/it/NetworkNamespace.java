package io.svccfg.it;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A network namespace of the test's own, a second host on this machine: {@code ip netns add}, joined to this host by
 * a veth pair on a /24 of 198.18.0.0/15 (RFC 2544, set aside for network tests, so it clashes with no real network).
 * This host's end is {@code .1}, the namespace's {@code .2}; the test adds and removes further addresses inside the
 * namespace with {@code ip addr}, and this host reaches them through the pair. Needs root, as CI has: without it
 * the test fails and says so, it is not skipped.
 */
final class NetworkNamespace implements AutoCloseable {
    private static final Duration IP_TIMEOUT = Duration.ofSeconds(10);

    private final String name;
    private final String hostLink;
    private final String namespaceLink;
    private final String prefix;

    private NetworkNamespace(String name, String hostLink, String namespaceLink, String prefix) {
        this.name = name;
        this.hostLink = hostLink;
        this.namespaceLink = namespaceLink;
        this.prefix = prefix;
    }

    static NetworkNamespace create() {
        int id = new SecureRandom().nextInt(1 << 16);
        // 198.18.0.0/15 has 512 /24s; interface names must stay under 16 characters.
        String prefix = "198." + (18 + (id >> 8) % 2) + "." + (id & 0xff) + ".";
        NetworkNamespace ns = new NetworkNamespace("svccfg-it-" + id, "svh" + id, "svn" + id, prefix);
        ip("netns", "add", ns.name);
        try {
            ns.inside("link", "set", "lo", "up");
            ip("link", "add", ns.hostLink, "type", "veth", "peer", "name", ns.namespaceLink, "netns", ns.name);
            ip("addr", "add", ns.hostAddress() + "/24", "dev", ns.hostLink);
            ip("link", "set", ns.hostLink, "up");
            ns.inside("addr", "add", ns.address(2) + "/24", "dev", ns.namespaceLink);
            ns.inside("link", "set", ns.namespaceLink, "up");
            return ns;
        } catch (RuntimeException | AssertionError e) {
            ns.close();
            throw e;
        }
    }

    /** This host's end of the pair, on which a server must listen to be reached from inside. */
    String hostAddress() {
        return address(1);
    }

    /** {@code PREFIX.n}, an address in the namespace's /24. */
    String address(int n) {
        return prefix + n;
    }

    /** The namespace's end of the pair gets {@code address} too, as an operator's {@code ip addr add} would. */
    void addAddress(String address) {
        inside("addr", "add", address + "/24", "dev", namespaceLink);
    }

    void removeAddress(String address) {
        inside("addr", "del", address + "/24", "dev", namespaceLink);
    }

    /** {@code ip netns exec NAME}: the words that run a command inside. */
    List<String> execPrefix() {
        return List.of(ipCommand(), "netns", "exec", name);
    }

    private void inside(String... args) {
        List<String> command = new ArrayList<>(List.of("-n", name));
        command.addAll(List.of(args));
        ip(command.toArray(String[]::new));
    }

    private static void ip(String... args) {
        List<String> command = new ArrayList<>(List.of(ipCommand()));
        command.addAll(List.of(args));
        ChildProcess.Result result = ChildProcess.run(new ProcessBuilder(command), IP_TIMEOUT);
        if (result.exitCode() != 0) {
            throw new AssertionError("network namespace set-up failed (it needs root, or CAP_NET_ADMIN and"
                    + " CAP_SYS_ADMIN, and iproute2): " + result.describe());
        }
    }

    private static String ipCommand() {
        return ChildProcess.sbin("ip");
    }

    /** Deleting the namespace deletes its end of the pair, and with it this host's end. */
    @Override
    public void close() {
        ChildProcess.run(new ProcessBuilder(ipCommand(), "netns", "del", name), IP_TIMEOUT);
        ChildProcess.run(new ProcessBuilder(ipCommand(), "link", "del", hostLink), IP_TIMEOUT);
    }
}
