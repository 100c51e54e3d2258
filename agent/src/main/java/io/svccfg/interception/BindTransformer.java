package io.svccfg.interception;

import static net.bytebuddy.matcher.ElementMatchers.isBridge;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import io.svccfg.bootstrap.BindHook;
import io.svccfg.jdk.JavaBase;
import java.io.IOException;
import java.lang.instrument.ClassFileTransformer;
import java.net.SocketAddress;
import java.net.SocketImpl;
import java.nio.ByteBuffer;
import java.security.ProtectionDomain;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import net.bytebuddy.ClassFileVersion;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.asm.AsmVisitorWrapper;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.dynamic.scaffold.TypeInitializer;
import net.bytebuddy.implementation.Implementation;
import net.bytebuddy.implementation.auxiliary.AuxiliaryType;
import net.bytebuddy.jar.asm.ClassReader;
import net.bytebuddy.jar.asm.ClassWriter;
import net.bytebuddy.matcher.ElementMatcher;
import net.bytebuddy.pool.TypePool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Inlines the bind and accept advice into the JDK's listener classes, and into Netty's native channels wherever an
 * application class loader defines them, as they load (or are retransformed). A plain
 * {@link ClassFileTransformer} that hands Byte Buddy's {@link Advice} straight to ASM, rather than Byte Buddy's
 * {@code AgentBuilder} or {@code ByteBuddy.redefine}: the same bytecode for a fraction of the start-up cost. The
 * advice (and the hook it calls) is prepared on first use, so that registering the transformer costs nothing.
 */
final class BindTransformer implements ClassFileTransformer {
    private static final Logger log = LoggerFactory.getLogger(BindTransformer.class);

    /** The targets by internal name, as {@link #transform} gets them for every class the JVM loads. */
    private static final Set<String> TARGETS = JavaBase.allTargetClasses().stream()
            .map(HookRelocation::internalName)
            .collect(Collectors.toUnmodifiableSet());

    /**
     * Netty's native channels, by the end of their internal name: Netty is often relocated (gRPC's copy is under
     * {@code io/grpc/netty/shaded/}), and relocation keeps these tails.
     */
    private static final String NETTY_EPOLL_CHANNEL = "/channel/epoll/AbstractEpollChannel";
    private static final String NETTY_IO_URING_CHANNEL = "/channel/uring/AbstractIoUringChannel";
    private static final String NETTY_EPOLL_SERVER = "/channel/epoll/EpollServerSocketChannel";
    private static final String[] NETTY_TAILS = {NETTY_EPOLL_CHANNEL, NETTY_IO_URING_CHANNEL, NETTY_EPOLL_SERVER};

    private final ClassFileLocator jdkClasses = ClassFileLocator.ForClassLoader.ofSystemLoader();
    private final AtomicBoolean failureLogged = new AtomicBoolean();
    private final AtomicBoolean hookUnseenLogged = new AtomicBoolean();
    private volatile Map<String, AsmVisitorWrapper> adviceByClass;
    private volatile Map<String, AsmVisitorWrapper> nettyAdvice;

    /** Whether {@code type} is a class this transformer instruments. */
    static boolean targets(Class<?> type) {
        String internalName = HookRelocation.internalName(type.getName());
        return type.getClassLoader() == null ? TARGETS.contains(internalName) : nettyTail(internalName) != null;
    }

    /** The Netty class {@code internalName} names, by its tail; null when it is none svccfg instruments. */
    private static String nettyTail(String internalName) {
        for (String tail : NETTY_TAILS) {
            if (internalName.endsWith(tail)) {
                return tail;
            }
        }
        return null;
    }

    @Override
    public byte[] transform(ClassLoader loader, String className, Class<?> redefined, ProtectionDomain domain,
            byte[] classFile) {
        if (className == null) {
            return null;
        }
        String nettyTail = loader == null ? null : nettyTail(className);
        if (loader == null ? !TARGETS.contains(className) : nettyTail == null) {
            return null;
        }
        String name = className.replace('/', '.');
        try {
            if (nettyTail == null) {
                return instrument(name, classFile, advice().get(className), jdkClasses);
            }
            if (!seesHook(loader)) {
                if (hookUnseenLogged.compareAndSet(false, true)) {
                    log.warn("{} is loaded by {}, which does not see svccfg's agent jar: its listeners are not"
                            + " managed", name, loader);
                }
                return null;
            }
            return instrument(name, classFile, nettyAdvice().get(nettyTail),
                    ClassFileLocator.ForClassLoader.of(loader));
        } catch (Throwable t) {
            // Not instrumented: the class stays as it is and its binds are not managed.
            if (failureLogged.compareAndSet(false, true)) {
                log.warn("cannot instrument {}: its listeners are not managed ({})", name, t.toString());
            }
            return null;
        }
    }

    /** Whether advice inlined into a class of {@code loader} reaches the agent's own {@link BindHook}. */
    private static boolean seesHook(ClassLoader loader) {
        try {
            return Class.forName(BindHook.class.getName(), false, loader) == BindHook.class;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    private byte[] instrument(String name, byte[] classFile, AsmVisitorWrapper advice, ClassFileLocator classes) {
        ClassFileLocator locator = new ClassFileLocator.Compound(ClassFileLocator.Simple.of(name, classFile),
                classes);
        TypePool pool = TypePool.Default.of(locator);
        TypeDescription type = pool.describe(name).resolve();
        ClassFileVersion version = ClassFileVersion.ofClassFile(classFile);
        Implementation.Context context = Implementation.Context.Disabled.Factory.INSTANCE.make(type,
                new AuxiliaryType.NamingStrategy.Suffixing("svccfg"), TypeInitializer.None.INSTANCE, version, version);
        ClassReader reader = new ClassReader(classFile);
        ClassWriter writer = new ClassWriter(advice.mergeWriter(0));
        reader.accept(advice.wrap(type, writer, context, pool, type.getDeclaredFields(),
                type.getDeclaredMethods(),
                advice.mergeWriter(0), advice.mergeReader(0)), advice.mergeReader(0));
        return writer.toByteArray();
    }

    private Map<String, AsmVisitorWrapper> advice() throws Exception {
        Map<String, AsmVisitorWrapper> prepared = adviceByClass;
        if (prepared == null) {
            synchronized (this) {
                prepared = adviceByClass;
                if (prepared == null) {
                    prepared = prepare();
                    adviceByClass = prepared;
                }
            }
        }
        return prepared;
    }

    /** The advice for each target; the hook it calls is defined first. */
    private Map<String, AsmVisitorWrapper> prepare() throws Exception {
        Hook.define();
        ElementMatcher.Junction<MethodDescription> bind = named("bind").and(not(isBridge()));
        AsmVisitorWrapper.ForDeclaredMethods tcp = new AsmVisitorWrapper.ForDeclaredMethods().method(
                bind.and(takesArguments(2)).and(takesArgument(0, SocketAddress.class))
                        .and(takesArgument(1, int.class)),
                advice(StreamBindAdvice.class));
        AsmVisitorWrapper.ForDeclaredMethods udp = new AsmVisitorWrapper.ForDeclaredMethods()
                .method(bind.and(takesArguments(1)).and(takesArgument(0, SocketAddress.class)),
                        advice(DatagramBindAdvice.class))
                .method(named(JavaBase.UDP_RECEIVE_METHOD).and(takesArguments(ByteBuffer.class, boolean.class)),
                        advice(DatagramReceiveAdvice.class));
        Map<String, AsmVisitorWrapper.ForDeclaredMethods> byClass = new HashMap<>();
        JavaBase.TCP_BIND_CLASSES.forEach(c -> byClass.put(c, tcp));
        JavaBase.UDP_BIND_CLASSES.forEach(c -> byClass.put(c, udp));
        // The accept paths: channels take (FileDescriptor, FileDescriptor, SocketAddress[]), impls (SocketImpl).
        ElementMatcher.Junction<MethodDescription> channelAccept = takesArguments(3)
                .and(takesArgument(2, SocketAddress[].class));
        ElementMatcher.Junction<MethodDescription> implAccept = takesArguments(SocketImpl.class);
        for (Map.Entry<String, String> accept : JavaBase.ACCEPT_METHODS.entrySet()) {
            String c = accept.getKey();
            Class<?> advice = c.endsWith("ChannelImpl") ? ChannelAcceptAdvice.class : SocketImplAcceptAdvice.class;
            byClass.put(c, byClass.getOrDefault(c, new AsmVisitorWrapper.ForDeclaredMethods()).method(
                    named(accept.getValue()).and(not(isBridge())).and(channelAccept.or(implAccept)), advice(advice)));
        }
        Map<String, AsmVisitorWrapper> byInternalName = new HashMap<>();
        byClass.forEach((c, wrapper) -> byInternalName.put(HookRelocation.internalName(c), wrapper));
        return byInternalName;
    }

    /** The advice for Netty's classes, by tail; it calls the agent's {@link BindHook} as it is, not relocated. */
    private Map<String, AsmVisitorWrapper> nettyAdvice() throws Exception {
        advice(); // the hooks are defined there
        Map<String, AsmVisitorWrapper> prepared = nettyAdvice;
        if (prepared == null) {
            AsmVisitorWrapper bind = new AsmVisitorWrapper.ForDeclaredMethods().method(
                    named("doBind").and(not(isBridge())).and(takesArguments(SocketAddress.class)),
                    Advice.to(DatagramBindAdvice.class));
            AsmVisitorWrapper accept = new AsmVisitorWrapper.ForDeclaredMethods().method(
                    named("newChildChannel").and(not(isBridge()))
                            .and(takesArguments(int.class, byte[].class, int.class, int.class)),
                    Advice.to(NettyAcceptAdvice.class));
            prepared = Map.of(NETTY_EPOLL_CHANNEL, bind, NETTY_IO_URING_CHANNEL, bind, NETTY_EPOLL_SERVER, accept);
            nettyAdvice = prepared;
        }
        return prepared;
    }

    private Advice advice(Class<?> type) throws IOException {
        ClassFileLocator locator = new ClassFileLocator.Compound(
                ClassFileLocator.Simple.of(type.getName(), HookRelocation.relocated(type)), jdkClasses);
        return Advice.to(TypePool.Default.of(locator).describe(type.getName()).resolve(), locator);
    }
}
