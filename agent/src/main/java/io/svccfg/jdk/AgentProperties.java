package io.svccfg.jdk;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Map;
import java.util.Properties;
import java.util.function.Supplier;

/**
 * Answers a tool's {@code VirtualMachine.getAgentProperties()} with svccfg's state, computed when the tool asks. The
 * Attach API's {@code properties} command reads this JVM's agent properties ({@code VMSupport.getAgentProperties()})
 * key by key, through {@code stringPropertyNames()} and {@code getProperty()} (JDK 17 and 25 alike); svccfg puts a
 * {@link Properties} of its own in their place, holding the same entries, whose {@code getProperty} computes its
 * keys on demand. No port, no thread, no serialization: the answer travels over the attach socket as text.
 */
public final class AgentProperties {
    private static final String VM_SUPPORT = JavaBase.VM_SUPPORT_PACKAGE + ".VMSupport";

    private AgentProperties() {
    }

    /**
     * From now on the agent properties hold {@code live}'s keys, each computed by its supplier when read. Throws when this JVM has no such internals (the state is then not published).
     */
    public static void publish(Map<String, Supplier<String>> live) throws ReflectiveOperationException {
        JavaBase.open();
        Class<?> vmSupport = Class.forName(VM_SUPPORT, false, null);
        MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(vmSupport, MethodHandles.lookup());
        VarHandle agentProps = lookup.findStaticVarHandle(vmSupport, "agentProps", Properties.class);
        // getAgentProperties() is synchronized on the class: the swap is atomic for every reader of the field.
        synchronized (vmSupport) {
            Properties current = (Properties) vmSupport.getMethod("getAgentProperties").invoke(null);
            agentProps.set(new Live(current, live));
        }
    }

    /** The agent properties as they were, and svccfg's keys, computed at each read. */
    private static final class Live extends Properties {
        private static final long serialVersionUID = 1L;
        private final transient Map<String, Supplier<String>> live;

        Live(Properties current, Map<String, Supplier<String>> live) {
            this.live = Map.copyOf(live);
            putAll(current);
            // Listed by stringPropertyNames(), which needs a String value: the value itself is computed when read.
            live.keySet().forEach(key -> put(key, ""));
        }

        @Override
        public String getProperty(String key) {
            Supplier<String> value = live.get(key);
            if (value == null) {
                return super.getProperty(key);
            }
            try {
                return value.get();
            } catch (RuntimeException | Error e) {
                return "svccfg: cannot compute " + key + ": " + e;
            }
        }
    }
}
