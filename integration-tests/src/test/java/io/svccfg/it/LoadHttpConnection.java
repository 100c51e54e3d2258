package io.svccfg.it;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * One HTTP/1.1 client connection on a raw socket, for the load tests: GET / in a loop on the same connection
 * (keep-alive), or one GET with {@code Connection: close}. Every answer must be 200 with a Content-Length and the body
 * {@code jetty served at HOST:PORT} naming the endpoint this connection was opened to; anything else is an
 * {@link IOException}, like a reset.
 */
final class LoadHttpConnection implements Closeable {
    private static final int CONNECT_TIMEOUT_MS = 2000;
    private static final int READ_TIMEOUT_MS = 5000;

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final String host;
    private final int port;
    private int requests;

    private LoadHttpConnection(Socket socket, String host, int port) throws IOException {
        this.socket = socket;
        this.in = new BufferedInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
        this.host = host;
        this.port = port;
    }

    /** Connects; a refused connection is a {@link java.net.ConnectException}. */
    static LoadHttpConnection open(String host, int port) throws IOException {
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(host, port), CONNECT_TIMEOUT_MS);
            socket.setSoTimeout(READ_TIMEOUT_MS);
            socket.setTcpNoDelay(true);
            return new LoadHttpConnection(socket, host, port);
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    int port() {
        return port;
    }

    /** Requests answered on this connection so far. */
    int requests() {
        return requests;
    }

    /** One GET / that keeps the connection open. */
    void get() throws IOException {
        exchange(false);
    }

    /** One GET / with {@code Connection: close}; reads to the server's close, then closes. */
    void getAndClose() throws IOException {
        try {
            exchange(true);
            if (in.read() != -1) {
                throw new IOException("more bytes after the answer to Connection: close");
            }
        } finally {
            close();
        }
    }

    private void exchange(boolean close) throws IOException {
        out.write(("GET / HTTP/1.1\r\nHost: " + host + ":" + port + "\r\n" + (close ? "Connection: close\r\n" : "")
                + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        String status = readLine();
        if (!status.startsWith("HTTP/1.1 200 ")) {
            throw new IOException("unexpected status line: " + status);
        }
        int length = -1;
        for (String header = readLine(); !header.isEmpty(); header = readLine()) {
            if (header.regionMatches(true, 0, "Content-Length:", 0, 15)) {
                length = Integer.parseInt(header.substring(15).trim());
            }
        }
        if (length < 0) {
            throw new IOException("no Content-Length");
        }
        byte[] body = in.readNBytes(length);
        if (body.length < length) {
            throw new EOFException("closed in the body");
        }
        String expected = "jetty served at " + host + ":" + port;
        String text = new String(body, StandardCharsets.UTF_8);
        if (!text.equals(expected)) {
            throw new IOException("body '" + text + "', expected '" + expected + "'");
        }
        requests++;
    }

    /** A line without its CR LF; end of stream before the line ends is an {@link EOFException}. */
    private String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(64);
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b == -1) {
                throw new EOFException("closed by the server" + (line.size() > 0 ? " in a line" : ""));
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.US_ASCII);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
