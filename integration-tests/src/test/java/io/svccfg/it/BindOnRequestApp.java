package io.svccfg.it;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.DatagramSocket;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * An application that binds listeners when told: it prints {@code READY}, then for each line {@code tcp PORT} binds
 * {@code new ServerSocket(PORT)} and for {@code udp PORT} {@code new DatagramSocket(PORT)} (the wildcard), and prints
 * {@code LISTENING <address>:<port>} as the socket reports it ({@code BIND FAILED <exception>} if it failed). It
 * keeps every listener open, never accepting, until its stdin ends.
 */
public final class BindOnRequestApp {
    private BindOnRequestApp() {
    }

    public static void main(String[] args) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        List<Closeable> listeners = new ArrayList<>();
        System.out.println("READY");
        System.out.flush();
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            String[] words = line.trim().split("\\s+");
            int port = Integer.parseInt(words[1]);
            try {
                if (words[0].equals("udp")) {
                    DatagramSocket socket = new DatagramSocket(port);
                    listeners.add(socket);
                    System.out.println("LISTENING " + socket.getLocalAddress().getHostAddress() + ":"
                            + socket.getLocalPort());
                } else {
                    ServerSocket socket = new ServerSocket(port);
                    listeners.add(socket);
                    System.out.println("LISTENING " + socket.getInetAddress().getHostAddress() + ":"
                            + socket.getLocalPort());
                }
            } catch (IOException e) {
                System.out.println("BIND FAILED " + e);
            }
            System.out.flush();
        }
        for (Closeable listener : listeners) {
            listener.close();
        }
    }
}
