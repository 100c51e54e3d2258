package io.svccfg.jdk;

import java.lang.instrument.Instrumentation;
import java.lang.invoke.MethodHandles;
import java.util.Map;
import java.util.Set;

/**
 * What svccfg needs from inside {@code java.base}: its internal packages opened to the agent (done here with
 * {@link Instrumentation#redefineModule}, so that users need no {@code --add-opens}), and a class defined in it.
 */
public final class JavaBase {
    /** The package that holds the NIO implementation classes, and where the bind hook is defined. */
    public static final String NIO_PACKAGE = "sun.nio.ch";
    /** The name the bind hook gets inside {@code java.base}. */
    public static final String HOOK_CLASS = NIO_PACKAGE + ".SvccfgBindHook";

    /** The JDK classes whose {@code bind} svccfg intercepts; TCP listeners take (SocketAddress, int). */
    public static final Set<String> TCP_BIND_CLASSES = Set.of(
            "java.net.ServerSocket",
            "sun.nio.ch.ServerSocketChannelImpl",
            "sun.nio.ch.AsynchronousServerSocketChannelImpl");
    /** UDP listeners take (SocketAddress): {@code DatagramSocket} and {@code MulticastSocket} end up here too. */
    public static final Set<String> UDP_BIND_CLASSES = Set.of("sun.nio.ch.DatagramChannelImpl");
    /** {@code DatagramChannelImpl.receive(ByteBuffer, boolean)}: every receive's system call. */
    public static final String UDP_RECEIVE_METHOD = "receive";

    /** Where the application's accepts take their connections: method name by class (see the accept advice). */
    public static final Map<String, String> ACCEPT_METHODS = Map.of(
            "sun.nio.ch.ServerSocketChannelImpl", "implAccept",
            "sun.nio.ch.NioSocketImpl", "accept");

    /**
     * Every JDK class svccfg instruments, in the order to instrument them ahead: first the datagram channel, which
     * svccfg's own first DNS read uses, then those of a {@code ServerSocket}, the listener most servers open first.
     */
    public static Set<String> allTargetClasses() {
        Set<String> all = new java.util.LinkedHashSet<>(
                java.util.List.of("sun.nio.ch.DatagramChannelImpl", "java.net.ServerSocket", "sun.nio.ch.NioSocketImpl"));
        all.addAll(UDP_BIND_CLASSES);
        all.addAll(TCP_BIND_CLASSES);
        all.addAll(ACCEPT_METHODS.keySet());
        return all;
    }

    /** The agent properties that the Attach API's {@code properties} command reads: {@link AgentProperties}. */
    static final String VM_SUPPORT_PACKAGE = "jdk.internal.vm";

    private static final Set<String> OPENED = Set.of(NIO_PACKAGE, "java.net", "java.nio.channels.spi",
            VM_SUPPORT_PACKAGE);

    private JavaBase() {
    }

    /** How to open them, once {@link #openWhenNeeded} was called; null when they are open (or never will be). */
    private static Instrumentation opener;
    private static Module agent;

    /**
     * Opens the packages svccfg reaches into to {@code agent} at their first use ({@link #open}), not now: opening
     * links the JDK's own lambdas and module code (10-15 ms cold), and this is called in {@code premain}, on the
     * application's main thread.
     */
    public static synchronized void openWhenNeeded(Instrumentation instrumentation, Module agent) {
        JavaBase.opener = instrumentation;
        JavaBase.agent = agent;
    }

    /** Opens them now, if {@link #openWhenNeeded} said how and it is not done yet; what reaches inside calls this. */
    public static synchronized void open() {
        if (opener == null) {
            return;
        }
        Map<String, Set<Module>> opens = new java.util.HashMap<>();
        for (String p : OPENED) {
            opens.put(p, Set.of(agent));
        }
        opener.redefineModule(Object.class.getModule(), Set.of(), opens, opens, Set.of(), Map.of());
        opener = null;
    }

    /**
     * Defines {@code bytes} (a class named {@link #HOOK_CLASS}) in {@code java.base}, where every JDK class sees it,
     * or returns the one an earlier load of the agent defined.
     */
    public static Class<?> defineHook(byte[] bytes) throws ReflectiveOperationException {
        open();
        Class<?> anchor = Class.forName(NIO_PACKAGE + ".Net", false, null);
        try {
            return MethodHandles.privateLookupIn(anchor, MethodHandles.lookup()).defineClass(bytes);
        } catch (LinkageError alreadyDefined) {
            return Class.forName(HOOK_CLASS, false, null);
        }
    }
}
