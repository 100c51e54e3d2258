package io.svccfg.listener;

import io.svccfg.tuple.Transport;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The listening sockets this process holds, as Linux shows them: the socket inodes of {@code /proc/self/fd}, looked
 * up in {@code /proc/net/tcp}, {@code tcp6}, {@code udp} and {@code udp6} (TCP sockets in LISTEN, UDP sockets bound
 * and not connected). Elsewhere, or where {@code /proc} cannot be read: none.
 */
final class ListeningSockets {
    /** One listening socket. */
    record Socket(Transport transport, InetSocketAddress local, long inode) {
    }

    /** TCP_LISTEN in {@code /proc/net/tcp}; UDP sockets not connected show TCP_CLOSE. */
    private static final String TCP_LISTEN = "0A";
    private static final String UDP_UNCONNECTED = "07";

    private ListeningSockets() {
    }

    static List<Socket> ofThisProcess() {
        Set<Long> mine = socketInodes(Path.of("/proc/self/fd"));
        if (mine.isEmpty()) {
            return List.of();
        }
        List<Socket> sockets = new ArrayList<>();
        for (String table : List.of("tcp", "tcp6", "udp", "udp6")) {
            Transport transport = table.startsWith("tcp") ? Transport.TCP : Transport.UDP;
            try {
                for (Socket s : parse(Files.readAllLines(Path.of("/proc/net", table)), transport)) {
                    if (mine.contains(s.inode())) {
                        sockets.add(s);
                    }
                }
            } catch (IOException | RuntimeException e) {
                // no such table (IPv6 off) or unreadable: nothing from it
            }
        }
        return sockets;
    }

    /** The inodes of the sockets among the descriptors listed in {@code fdDirectory}. */
    private static Set<Long> socketInodes(Path fdDirectory) {
        Set<Long> inodes = new HashSet<>();
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(fdDirectory)) {
            for (Path fd : fds) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[") && target.endsWith("]")) {
                        inodes.add(Long.parseLong(target.substring(8, target.length() - 1)));
                    }
                } catch (IOException | RuntimeException e) {
                    // closed meanwhile
                }
            }
        } catch (IOException e) {
            // no /proc: nothing to look at
        }
        return inodes;
    }

    /** The listening sockets of one {@code /proc/net} table (its header line first). */
    static List<Socket> parse(List<String> lines, Transport transport) {
        List<Socket> sockets = new ArrayList<>();
        for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
            String[] f = line.trim().split("\\s+");
            if (f.length < 10) {
                continue;
            }
            boolean listening = transport == Transport.TCP ? f[3].equals(TCP_LISTEN)
                    : f[3].equals(UDP_UNCONNECTED) && f[2].endsWith(":0000");
            if (listening) {
                sockets.add(new Socket(transport, endpoint(f[1]), Long.parseLong(f[9])));
            }
        }
        return sockets;
    }

    /**
     * {@code 0100007F:1F90} is 127.0.0.1:8080: the address in the kernel's byte order, each 32-bit word printed as
     * a little-endian number; the port in hex.
     */
    static InetSocketAddress endpoint(String hex) {
        int colon = hex.indexOf(':');
        String address = hex.substring(0, colon);
        byte[] bytes = new byte[address.length() / 2];
        for (int word = 0; word < bytes.length / 4; word++) {
            for (int b = 0; b < 4; b++) {
                int at = word * 8 + (3 - b) * 2;
                bytes[word * 4 + b] = (byte) Integer.parseInt(address.substring(at, at + 2), 16);
            }
        }
        try {
            int port = Integer.parseInt(hex.substring(colon + 1), 16);
            return new InetSocketAddress(InetAddress.getByAddress(bytes), port);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an address: " + hex, e);
        }
    }
}
