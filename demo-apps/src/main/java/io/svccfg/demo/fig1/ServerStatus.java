package io.svccfg.demo.fig1;

import com.sun.tools.attach.AttachNotSupportedException;
import com.sun.tools.attach.VirtualMachine;
import io.svccfg.jmx.ListenerInfo;
import io.svccfg.jmx.SvccfgMXBean;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.management.JMX;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * What one server's agent says, read as {@code svccfg status PID} reads it: attach, start the JVM's local JMX
 * agent, and ask the {@code io.svccfg:type=Agent} MXBean.
 */
record ServerStatus(List<ListenerInfo> listeners, long notifies) {

    static ServerStatus of(long pid) throws IOException {
        String address;
        try {
            VirtualMachine vm = VirtualMachine.attach(String.valueOf(pid));
            try {
                address = vm.startLocalManagementAgent();
            } finally {
                vm.detach();
            }
        } catch (AttachNotSupportedException e) {
            throw new IOException("cannot attach to " + pid + ": " + e.getMessage(), e);
        }
        try (JMXConnector connector = JMXConnectorFactory.connect(new JMXServiceURL(address))) {
            SvccfgMXBean agent = JMX.newMXBeanProxy(connector.getMBeanServerConnection(),
                    new ObjectName("io.svccfg:type=Agent"), SvccfgMXBean.class);
            return new ServerStatus(List.of(agent.getListeners()), agent.getNotifyCount());
        } catch (MalformedObjectNameException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The listener of {@code service} ({@code http/tcp}), if the application opened it yet. */
    ListenerInfo listener(String serviceSlashTransport) {
        return listeners.stream().filter(l -> (l.getService() + "/" + l.getTransport()).equals(serviceSlashTransport))
                .findFirst().orElse(null);
    }

    /** Per service of {@code services} ({@code http/tcp}), its listener's state in process {@code pid}. */
    static Map<String, String> states(long pid, List<String> services) throws IOException {
        ServerStatus status = of(pid);
        Map<String, String> states = new LinkedHashMap<>();
        for (String service : services) {
            states.put(service, describe(status.listener(service)));
        }
        return states;
    }

    /** {@code ACTIVE at 127.0.0.121:80}, {@code PARKED}, {@code not opened}. */
    static String describe(ListenerInfo l) {
        if (l == null) {
            return "not opened";
        }
        return l.getState().equals("ACTIVE") ? "ACTIVE at " + l.getBound() : l.getState();
    }
}
