package io.svccfg.demo;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One SMTP connection's dialogue, after RFC 5321: the greeting, then commands (case-insensitive, lines ended by CRLF
 * or a bare LF) until QUIT, the client leaving, or a silence longer than the read timeout.
 * <ul>
 * <li>{@code 220 NAME svccfg-demo SMTP at ADDR:PORT}: the greeting, ADDR:PORT the connection's local address.</li>
 * <li>{@code EHLO x}: {@code 250-NAME greets x}, {@code 250-8BITMIME}, {@code 250-SIZE 1048576}, {@code 250 HELP};
 *     {@code HELO x}: {@code 250 NAME}. Either ends any open transaction (RFC 5321 4.1.4).</li>
 * <li>{@code MAIL FROM:<a> [SIZE=n] [BODY=7BIT|8BITMIME]} opens a transaction, {@code RCPT TO:<b>} adds a recipient
 *     (up to 100), {@code DATA} takes the message up to a lone dot and answers {@code 250 OK: queued as N by NAME}.
 *     Out of order (MAIL before HELO/EHLO or inside a transaction, RCPT before MAIL, DATA before RCPT): 503.</li>
 * <li>{@code RSET}, {@code NOOP}: 250; {@code VRFY x}: 252; {@code HELP}: 214; {@code EXPN}: 502;
 *     {@code QUIT}: {@code 221 NAME closing}; anything else: 500; bad parameters: 501 (555 for unknown MAIL
 *     or RCPT parameters, RFC 5321 4.1.1.11).</li>
 * <li>A line over 1000 bytes: 500; a message over 1048576 bytes: 552; silence for the read timeout: 421.</li>
 * </ul>
 */
final class SmtpSession {
    /** RFC 5321 4.5.3.1.6: a text line is at most 1000 bytes with its CRLF. Commands, at 512, fit easily. */
    static final int MAX_LINE = 998;
    static final long MAX_MESSAGE = 1 << 20;
    /** RFC 5321 4.5.3.1.8 asks servers to take at least 100 recipients; more are refused with 452. */
    static final int MAX_RECIPIENTS = 100;

    private final SmtpService service;
    private final Socket socket;
    private OutputStream out;
    private boolean greeted;
    /** The open transaction's reverse path, {@code <a>}; null when none is open. */
    private String from;
    private final List<String> to = new ArrayList<>();

    SmtpSession(SmtpService service, Socket socket) {
        this.service = service;
        this.socket = socket;
    }

    void run() {
        try (socket) {
            dialogue();
        } catch (IOException e) {
            // The client went away or reset the connection, or the service closed it: an end, not an error.
        } catch (RuntimeException e) {
            Out.error(e);
        }
    }

    private void dialogue() throws IOException {
        socket.setSoTimeout(service.readTimeoutMillis);
        out = new BufferedOutputStream(socket.getOutputStream());
        LineReader lines = new LineReader(new BufferedInputStream(socket.getInputStream()), MAX_LINE);
        reply("220 " + service.name + " svccfg-demo SMTP at " + Addresses.format(socket.getLocalSocketAddress()));
        try {
            while (lines.next()) {
                if (lines.tooLong()) {
                    reply("500 Line too long");
                } else if (!command(lines.text(), lines)) {
                    return;
                }
            }
        } catch (SocketTimeoutException e) {
            reply("421 " + service.name + " timeout, closing connection"); // RFC 5321 4.5.3.2
        }
    }

    /** Answers one command line; false once the session is over. */
    private boolean command(String line, LineReader lines) throws IOException {
        int space = line.indexOf(' ');
        String verb = (space < 0 ? line : line.substring(0, space)).toUpperCase(Locale.ROOT);
        String argument = space < 0 ? "" : line.substring(space + 1).trim();
        switch (verb) {
            case "EHLO" -> ehlo(argument);
            case "HELO" -> helo(argument);
            case "MAIL" -> mail(argument);
            case "RCPT" -> rcpt(argument);
            case "DATA" -> data(argument, lines);
            case "RSET" -> {
                if (argument.isEmpty()) {
                    reset();
                    reply("250 OK");
                } else {
                    reply("501 Syntax: RSET");
                }
            }
            case "NOOP" -> reply("250 OK"); // RFC 5321 4.1.1.9: a parameter is allowed and ignored
            case "VRFY" -> reply(argument.isEmpty() ? "501 Syntax: VRFY <address>"
                    : "252 Cannot VRFY user, but will accept message and attempt delivery");
            case "EXPN" -> reply("502 EXPN not implemented");
            case "HELP" -> reply("214 svccfg-demo SMTP: EHLO HELO MAIL RCPT DATA RSET NOOP VRFY HELP QUIT");
            case "QUIT" -> {
                if (!argument.isEmpty()) {
                    reply("501 Syntax: QUIT");
                    return true;
                }
                reply("221 " + service.name + " closing");
                return false;
            }
            default -> reply("500 Command not recognized");
        }
        return true;
    }

    private void ehlo(String domain) throws IOException {
        if (!oneWord(domain)) {
            reply("501 Syntax: EHLO <domain>");
            return;
        }
        greet();
        write("250-" + service.name + " greets " + domain);
        write("250-8BITMIME");
        write("250-SIZE " + MAX_MESSAGE);
        reply("250 HELP");
    }

    private void helo(String domain) throws IOException {
        if (!oneWord(domain)) {
            reply("501 Syntax: HELO <domain>");
            return;
        }
        greet();
        reply("250 " + service.name);
    }

    private void greet() {
        greeted = true;
        reset();
    }

    private void mail(String argument) throws IOException {
        if (!greeted) {
            reply("503 Send HELO or EHLO first");
            return;
        }
        if (from != null) {
            reply("503 Sender already given");
            return;
        }
        String[] path = path(argument, "FROM:");
        if (path == null) {
            reply("501 Syntax: MAIL FROM:<address>");
            return;
        }
        for (String parameter : parameters(path[1])) {
            String key = parameter.contains("=") ? parameter.substring(0, parameter.indexOf('=')) : parameter;
            String value = parameter.substring(key.length() + (parameter.contains("=") ? 1 : 0));
            switch (key.toUpperCase(Locale.ROOT)) {
                case "SIZE" -> { // RFC 1870: refuse at once what DATA would refuse after the whole upload
                    if (!value.matches("[0-9]{1,19}")) {
                        reply("501 Syntax: SIZE=<number>");
                        return;
                    }
                    if (value.length() > 18 || Long.parseLong(value) > MAX_MESSAGE) {
                        reply("552 Message size exceeds fixed maximum message size");
                        return;
                    }
                }
                case "BODY" -> {
                    if (!value.equalsIgnoreCase("7BIT") && !value.equalsIgnoreCase("8BITMIME")) {
                        reply("501 Syntax: BODY=7BIT or BODY=8BITMIME");
                        return;
                    }
                }
                default -> {
                    reply("555 MAIL parameter " + key + " not recognized");
                    return;
                }
            }
        }
        from = path[0];
        to.clear();
        reply("250 OK");
    }

    private void rcpt(String argument) throws IOException {
        if (from == null) {
            reply("503 Need MAIL before RCPT");
            return;
        }
        String[] path = path(argument, "TO:");
        if (path == null || path[0].equals("<>")) {
            reply("501 Syntax: RCPT TO:<address>");
            return;
        }
        if (!parameters(path[1]).isEmpty()) {
            reply("555 RCPT parameters not recognized");
            return;
        }
        if (to.size() >= MAX_RECIPIENTS) {
            reply("452 Too many recipients");
            return;
        }
        to.add(path[0]);
        reply("250 OK");
    }

    private void data(String argument, LineReader lines) throws IOException {
        if (!argument.isEmpty()) {
            reply("501 Syntax: DATA");
            return;
        }
        if (from == null) {
            reply("503 Need MAIL before DATA");
            return;
        }
        if (to.isEmpty()) {
            reply("503 Need RCPT before DATA");
            return;
        }
        reply("354 End data with <CR><LF>.<CR><LF>");
        // The message is counted, not kept, so its size costs no memory; a long line is counted whole too.
        long bytes = 0;
        while (true) {
            if (!lines.next()) {
                throw new EOFException("connection closed inside DATA");
            }
            boolean dot = lines.startsWith('.');
            if (dot && lines.length() == 1) {
                break;
            }
            bytes += lines.length() - (dot ? 1 : 0) + 2; // dot-stuffing undone (RFC 5321 4.5.2), CRLF counted
        }
        if (bytes > MAX_MESSAGE) {
            reset();
            reply("552 Message exceeds fixed maximum message size");
            return;
        }
        long number = service.nextMessageNumber();
        service.report("smtp " + service.name + " accepted message " + number + " from " + from + " to " + to + " ("
                + bytes + " bytes) at " + Addresses.format(socket.getLocalSocketAddress()));
        reset();
        reply("250 OK: queued as " + number + " by " + service.name);
    }

    private void reset() {
        from = null;
        to.clear();
    }

    /**
     * Splits {@code FROM:<path> params} (the prefix case-insensitive, spaces after the colon tolerated as many clients
     * send them) into the path with its brackets and the rest; null if it is not that.
     */
    private static String[] path(String argument, String prefix) {
        if (!argument.regionMatches(true, 0, prefix, 0, prefix.length())) {
            return null;
        }
        String rest = argument.substring(prefix.length()).stripLeading();
        int end = rest.indexOf('>');
        if (!rest.startsWith("<") || end < 0) {
            return null;
        }
        String path = rest.substring(0, end + 1);
        // No SMTPUTF8 offered, so a path is printable ASCII; this also keeps the stdout line one clean line.
        if (!path.chars().allMatch(c -> c > ' ' && c < 0x7f) || path.indexOf('<', 1) >= 0) {
            return null;
        }
        String after = rest.substring(end + 1);
        if (!after.isEmpty() && !after.startsWith(" ")) {
            return null;
        }
        return new String[] {path, after.trim()};
    }

    private static List<String> parameters(String text) {
        return text.isEmpty() ? List.of() : List.of(text.split(" +"));
    }

    private static boolean oneWord(String text) {
        return !text.isEmpty() && text.chars().allMatch(c -> c > ' ' && c < 0x7f);
    }

    /** Writes a reply line and sends it with all lines written before it. */
    private void reply(String line) throws IOException {
        write(line);
        out.flush();
    }

    private void write(String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
    }
}
