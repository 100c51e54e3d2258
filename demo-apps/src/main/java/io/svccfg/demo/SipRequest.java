package io.svccfg.demo;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The parts of a SIP request (RFC 3261) that a response copies: the method, every Via in order, From, To, Call-ID and
 * CSeq. Header names are case-insensitive and may be in compact form ({@code v f t i}); folded lines are unfolded.
 * The body, if any, is ignored.
 */
record SipRequest(String method, List<String> vias, String from, String to, String callId, String cseq) {
    /** RFC 3261 25.1 {@code token}, which a method is. */
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9.!%*_+`'~-]+");
    private static final Pattern CSEQ = Pattern.compile("[0-9]{1,10}[ \t]+(\\S+)");
    private static final Pattern TAG = Pattern.compile(";[ \t]*tag[ \t]*=", Pattern.CASE_INSENSITIVE);

    /**
     * The request in the datagram, or null if it is none: a response, garbage, or a request without the headers a
     * response must copy (one that RFC 3261 8.2 would answer 400; this service does not guess where to send that).
     */
    static SipRequest parse(byte[] data, int length) {
        // RFC 3261 7.5: CRLFs before the start line are to be ignored (keep-alives send nothing else).
        String text = new String(data, 0, length, StandardCharsets.UTF_8).replaceFirst("^[\r\n]+", "");
        List<String> lines = unfold(text.substring(0, headersEnd(text)).split("\r?\n", -1));
        String[] start = lines.get(0).split(" ", -1);
        if (start.length != 3 || !TOKEN.matcher(start[0]).matches() || start[1].indexOf(':') < 1
                || !start[2].equalsIgnoreCase("SIP/2.0")) {
            return null; // a response's start line is SIP/2.0 NNN Reason: it fails here too
        }
        List<String> vias = new ArrayList<>();
        String[] single = new String[4]; // From, To, Call-ID, CSeq
        for (String line : lines.subList(1, lines.size())) {
            int colon = line.indexOf(':');
            if (colon < 1) {
                return null;
            }
            String value = line.substring(colon + 1).trim();
            int slot;
            switch (line.substring(0, colon).trim().toLowerCase(Locale.ROOT)) {
                case "via", "v" -> {
                    vias.add(value);
                    continue;
                }
                case "from", "f" -> slot = 0;
                case "to", "t" -> slot = 1;
                case "call-id", "i" -> slot = 2;
                case "cseq" -> slot = 3;
                default -> {
                    continue;
                }
            }
            if (single[slot] != null) {
                return null; // twice: which one to copy?
            }
            single[slot] = value;
        }
        if (vias.isEmpty() || single[0] == null || single[1] == null || single[2] == null || single[3] == null) {
            return null;
        }
        var cseq = CSEQ.matcher(single[3]);
        if (!cseq.matches() || !cseq.group(1).equals(start[0])) {
            return null; // RFC 3261 8.1.1.5: the CSeq method must be the request's
        }
        return new SipRequest(start[0], List.copyOf(vias), single[0], single[1], single[2], single[3]);
    }

    /** Whether the To header has a tag: a parameter after the URI, which is in angle brackets if it has any. */
    boolean toHasTag() {
        int close = to.lastIndexOf('>');
        return TAG.matcher(close < 0 ? to : to.substring(close + 1)).find();
    }

    /** Where the headers end: at the first empty line, else at the end of the datagram. */
    private static int headersEnd(String text) {
        int crlf = text.indexOf("\r\n\r\n");
        int lf = text.indexOf("\n\n");
        int end = crlf < 0 ? lf : lf < 0 ? crlf : Math.min(crlf, lf);
        return end < 0 ? text.length() : end;
    }

    /** RFC 3261 7.3.1: a line starting with a space or tab continues the header before it. */
    private static List<String> unfold(String[] raw) {
        List<String> lines = new ArrayList<>();
        for (String line : raw) {
            if (!lines.isEmpty() && !line.isEmpty() && (line.charAt(0) == ' ' || line.charAt(0) == '\t')
                    && !lines.get(lines.size() - 1).isEmpty()) {
                lines.set(lines.size() - 1, lines.get(lines.size() - 1) + " " + line.trim());
            } else {
                lines.add(line);
            }
        }
        return lines;
    }
}
