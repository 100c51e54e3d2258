package io.svccfg.status;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** {@code status} for people: the report of {@link StatusReport} as text. */
final class StatusText {
    /** The columns of a summary line, and of the header above them. */
    private static final String SUMMARY_COLUMNS = "%-8s %-40s %-30s %s";

    private StatusText() {
    }

    static String summaryHeader() {
        return String.format(SUMMARY_COLUMNS, "PID", "MAIN", "DOMAINS", "LISTENERS");
    }

    @SuppressWarnings("unchecked")
    static String of(Map<String, Object> s) {
        StringBuilder out = new StringBuilder();
        out.append("svccfg in process ").append(s.get("pid")).append('\n');
        out.append("domains:   ").append(String.join(", ", (List<String>) s.get("domains"))).append('\n');
        for (Map<String, Object> p : (List<Map<String, Object>>) s.get("listeningPoints")) {
            out.append("listening point ").append(p.get("uri")).append(p.get("resolved") == null
                    ? ": not resolved yet (no SIP listener in use)" : ", resolved " + p.get("resolved")).append('\n');
            for (String step : (List<String>) p.get("steps")) {
                out.append("  ").append(step).append('\n');
            }
        }
        out.append("identity:  ").append(String.join(", ", (List<String>) s.get("identity"))).append('\n');
        List<Map<String, Object>> listeners = (List<Map<String, Object>>) s.get("listeners");
        out.append(listeners.isEmpty() ? "listeners: none managed yet" : "listeners:").append('\n');
        for (Map<String, Object> l : listeners) {
            String why = l.get("why") + (l.get("lastError") == null ? "" : " [" + l.get("lastError") + "]");
            out.append(String.format("  %-12s asked %-21s %-9s at %-21s moves %-3s %s%n",
                    l.get("service") + "/" + l.get("transport"), l.get("requested"), l.get("state"), l.get("bound"),
                    l.get("moves"), why));
        }
        for (Map<String, Object> d : (List<Map<String, Object>>) s.get("draining")) {
            out.append(String.format("  %-12s draining %s for %.1f s more, %s connections delivered%n",
                    d.get("listener"), d.get("endpoint"), ((Number) d.get("millisLeft")).longValue() / 1000.0,
                    d.get("delivered")));
        }
        List<String> identity = (List<String>) s.get("identity");
        List<Map<String, Object>> mine = ((List<Map<String, Object>>) s.get("tuples")).stream()
                .filter(t -> identity.contains(t.get("address"))).toList();
        out.append("tuples for this host: ").append(mine.size()).append(" of ")
                .append(((List<?>) s.get("tuples")).size()).append('\n');
        for (Map<String, Object> t : mine) {
            out.append(String.format("  %s/%s %s priority %s weight %s (%s, %s)%n", t.get("service"),
                    t.get("transport"), endpoint((String) t.get("address"), t.get("port")), t.get("priority"),
                    t.get("weight"), t.get("target"), t.get("domain")));
        }
        out.append("polls ").append(s.get("polls")).append(", read failures ").append(s.get("readFailures"))
                .append(", notifies ").append(s.get("notifies")).append(" (refused ").append(s.get("refusedNotifies"))
                .append("), DNS questions ").append(s.get("questions"))
                .append('\n');
        out.append("last read:   ").append(s.get("lastRead")).append('\n');
        out.append("last change: ").append(s.get("lastChange")).append('\n');
        out.append("last error:  ").append(s.get("lastError") == null ? "none" : s.get("lastError")).append('\n');
        return out.toString();
    }

    /** {@code 12345  app.jar  example.com  ACTIVE 2, PARKED 1}: one JVM of the list. */
    @SuppressWarnings("unchecked")
    static String summary(Map<String, Object> s) {
        Map<String, Integer> byState = (Map<String, Integer>) s.get("listeners");
        String listeners = byState.isEmpty() ? "no listener"
                : byState.entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                        .collect(Collectors.joining(", "));
        return String.format(SUMMARY_COLUMNS, s.get("pid"), s.get("main"),
                String.join(",", (List<String>) s.get("domains")), listeners);
    }

    /** {@code 192.0.2.1:80} or {@code [2001:db8::1]:80}, from the text of an address (already in RFC 5952 form). */
    private static String endpoint(String address, Object port) {
        return (address.contains(":") ? "[" + address + "]" : address) + ":" + port;
    }
}
