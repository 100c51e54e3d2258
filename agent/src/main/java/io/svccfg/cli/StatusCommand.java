package io.svccfg.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.management.Attribute;
import javax.management.JMException;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/** {@code status PID [--json]}: the agent's MBean in a running JVM, for people or for programs. */
record StatusCommand(long pid, boolean json) {
    static final String MBEAN = "io.svccfg:type=Agent";
    private static final List<String> TUPLE_KEYS =
            List.of("service", "transport", "address", "port", "priority", "weight", "target", "domain", "ttl");
    private static final List<String> DRAIN_KEYS = List.of("listener", "endpoint", "millisLeft", "delivered");
    private static final List<String> LISTENER_KEYS =
            List.of("service", "transport", "requested", "bound", "state", "moves", "why", "lastError", "socketType");

    static StatusCommand parse(List<String> args) throws UsageException {
        boolean json = args.contains("--json");
        List<String> rest = args.stream().filter(a -> !a.equals("--json")).toList();
        if (rest.size() != 1 || rest.get(0).startsWith("-")) {
            throw new UsageException("status needs PID [--json], like: status 12345");
        }
        return new StatusCommand(TargetJvm.pid(rest.get(0)), json);
    }

    int run(PrintStream out, PrintStream err) throws UsageException {
        Map<String, Object> status;
        try (TargetJvm target = TargetJvm.attach(pid);
                JMXConnector connector = JMXConnectorFactory.connect(new JMXServiceURL(target.jmxAddress()))) {
            status = read(connector.getMBeanServerConnection());
        } catch (IOException | JMException e) {
            throw new UsageException("cannot read the svccfg MBean of process " + pid + ": " + e.getMessage());
        }
        out.print(json ? Json.write(status) + "\n" : text(status));
        return Main.OK;
    }

    private Map<String, Object> read(MBeanServerConnection mbeans) throws IOException, JMException, UsageException {
        ObjectName name = new ObjectName(MBEAN);
        if (!mbeans.isRegistered(name)) {
            throw new UsageException("process " + pid + " does not run the svccfg agent (no " + MBEAN + " MBean)");
        }
        Map<String, Object> attributes = new LinkedHashMap<>();
        for (Attribute a : mbeans.getAttributes(name, new String[] {"Domains", "Identity", "Tuples", "Listeners",
            "Draining", "PollCount", "ReadFailures", "NotifyCount", "RefusedNotifyCount", "DnsQuestions", "LastRead",
            "LastChange",
            "LastError"})
                .asList()) {
            attributes.put(a.getName(), a.getValue());
        }
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("pid", pid);
        status.put("domains", List.of((String[]) attributes.get("Domains")));
        status.put("identity", List.of((String[]) attributes.get("Identity")));
        status.put("tuples", rows((CompositeData[]) attributes.get("Tuples"), TUPLE_KEYS));
        status.put("listeners", rows((CompositeData[]) attributes.get("Listeners"), LISTENER_KEYS));
        status.put("draining", rows((CompositeData[]) attributes.get("Draining"), DRAIN_KEYS));
        status.put("polls", attributes.get("PollCount"));
        status.put("readFailures", attributes.get("ReadFailures"));
        status.put("notifies", attributes.get("NotifyCount"));
        status.put("refusedNotifies", attributes.get("RefusedNotifyCount"));
        status.put("questions", attributes.get("DnsQuestions"));
        status.put("lastRead", attributes.get("LastRead"));
        status.put("lastChange", attributes.get("LastChange"));
        status.put("lastError", attributes.get("LastError"));
        return status;
    }

    private static List<Map<String, Object>> rows(CompositeData[] data, List<String> keys) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (CompositeData d : data) {
            Map<String, Object> row = new LinkedHashMap<>();
            keys.forEach(k -> row.put(k, d.get(k)));
            rows.add(row);
        }
        return rows;
    }

    @SuppressWarnings("unchecked")
    private static String text(Map<String, Object> s) {
        StringBuilder out = new StringBuilder();
        out.append("svccfg in process ").append(s.get("pid")).append('\n');
        out.append("domains:   ").append(String.join(", ", (List<String>) s.get("domains"))).append('\n');
        out.append("identity:  ").append(String.join(", ", (List<String>) s.get("identity"))).append('\n');
        List<Map<String, Object>> listeners = (List<Map<String, Object>>) s.get("listeners");
        out.append(listeners.isEmpty() ? "listeners: none managed yet" : "listeners:").append('\n');
        for (Map<String, Object> l : listeners) {
            out.append(String.format("  %-12s asked %-21s %-7s at %-21s moves %-3s %s%n",
                    l.get("service") + "/" + l.get("transport"), l.get("requested"), l.get("state"), l.get("bound"),
                    l.get("moves"), l.get("why") + (l.get("lastError") == null ? "" : " [" + l.get("lastError") + "]")));
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
            out.append(String.format("  %s/%s %s:%s priority %s weight %s (%s, %s)%n", t.get("service"),
                    t.get("transport"), t.get("address"), t.get("port"), t.get("priority"), t.get("weight"),
                    t.get("target"), t.get("domain")));
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
}
