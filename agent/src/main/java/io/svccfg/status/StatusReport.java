package io.svccfg.status;

import io.svccfg.jmx.DrainInfo;
import io.svccfg.jmx.ListenerInfo;
import io.svccfg.jmx.ListeningPointInfo;
import io.svccfg.jmx.SvccfgMXBean;
import io.svccfg.jmx.TupleInfo;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * What {@code status} prints, read from the agent's own view (the MXBean, in process: no JMX connector), as the
 * Attach API hands it to the {@code status} command: {@code svccfg.status.json} and {@code svccfg.status.text} for
 * {@code status PID}, {@code svccfg.summary.json} and {@code svccfg.summary.text} for the list of every JVM.
 */
public final class StatusReport {
    public static final String STATUS_JSON = "svccfg.status.json";
    public static final String STATUS_TEXT = "svccfg.status.text";
    public static final String SUMMARY_JSON = "svccfg.summary.json";
    public static final String SUMMARY_TEXT = "svccfg.summary.text";
    /**
     * The header above the {@link #SUMMARY_TEXT} lines of several JVMs; a method, not a constant, so that the agent,
     * which publishes its state at start, does not format it.
     */
    public static String summaryHeader() {
        return StatusText.summaryHeader();
    }

    private final Supplier<? extends SvccfgMXBean> views;

    /**
     * {@code views} gives the view once svccfg has made it, at start beside the first read: a {@code status} asked
     * for in those first moments waits for it rather than finding no svccfg in the JVM.
     */
    public StatusReport(Supplier<? extends SvccfgMXBean> views) {
        this.views = views;
    }

    /** The agent properties this report answers, by key. */
    public Map<String, Supplier<String>> properties() {
        return Map.of(
                STATUS_JSON, () -> Json.write(status()),
                STATUS_TEXT, () -> StatusText.of(status()),
                SUMMARY_JSON, () -> Json.write(summary()),
                SUMMARY_TEXT, () -> StatusText.summary(summary()));
    }

    /** Everything {@code status PID --json} prints, in this order. */
    Map<String, Object> status() {
        SvccfgMXBean view = views.get();
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("pid", ProcessHandle.current().pid());
        status.put("domains", List.of(view.getDomains()));
        status.put("listeningPoints", Arrays.stream(view.getListeningPoints()).map(StatusReport::row).toList());
        status.put("identity", List.of(view.getIdentity()));
        status.put("tuples", Arrays.stream(view.getTuples()).map(StatusReport::row).toList());
        status.put("listeners", Arrays.stream(view.getListeners()).map(StatusReport::row).toList());
        status.put("draining", Arrays.stream(view.getDraining()).map(StatusReport::row).toList());
        status.put("polls", view.getPollCount());
        status.put("readFailures", view.getReadFailures());
        status.put("notifies", view.getNotifyCount());
        status.put("refusedNotifies", view.getRefusedNotifyCount());
        status.put("questions", view.getDnsQuestions());
        status.put("lastRead", view.getLastRead());
        status.put("lastChange", view.getLastChange());
        status.put("lastError", view.getLastError());
        return status;
    }

    /** One line's worth for the list of every JVM: pid, what runs, domains, listeners by state. */
    Map<String, Object> summary() {
        SvccfgMXBean view = views.get();
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("pid", ProcessHandle.current().pid());
        summary.put("main", main());
        summary.put("domains", List.of(view.getDomains()));
        Map<String, Integer> byState = new TreeMap<>();
        for (ListenerInfo l : view.getListeners()) {
            byState.merge(l.getState(), 1, Integer::sum);
        }
        summary.put("listeners", byState);
        return summary;
    }

    /** The main class or jar, as {@code jps} shows it: the first word of the launcher's command. */
    private static String main() {
        String command = System.getProperty("sun.java.command", "");
        String first = command.isBlank() ? "?" : command.strip().split("\\s+")[0];
        return first;
    }

    private static Map<String, Object> row(TupleInfo t) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("service", t.getService());
        row.put("transport", t.getTransport());
        row.put("address", t.getAddress());
        row.put("port", t.getPort());
        row.put("priority", t.getPriority());
        row.put("weight", t.getWeight());
        row.put("target", t.getTarget());
        row.put("domain", t.getDomain());
        row.put("ttl", t.getTtl());
        return row;
    }

    private static Map<String, Object> row(ListeningPointInfo p) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("uri", p.getUri());
        row.put("resolved", p.getResolved());
        row.put("steps", List.of(p.getSteps()));
        return row;
    }

    private static Map<String, Object> row(ListenerInfo l) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("service", l.getService());
        row.put("transport", l.getTransport());
        row.put("requested", l.getRequested());
        row.put("bound", l.getBound());
        row.put("state", l.getState());
        row.put("moves", l.getMoves());
        row.put("why", l.getWhy());
        row.put("lastError", l.getLastError());
        row.put("socketType", l.getSocketType());
        return row;
    }

    private static Map<String, Object> row(DrainInfo d) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("listener", d.getListener());
        row.put("endpoint", d.getEndpoint());
        row.put("millisLeft", d.getMillisLeft());
        row.put("delivered", d.getDelivered());
        return row;
    }
}
