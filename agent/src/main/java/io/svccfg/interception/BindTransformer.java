package io.svccfg.interception;

import static net.bytebuddy.matcher.ElementMatchers.isBridge;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import io.svccfg.jdk.JavaBase;
import java.lang.instrument.ClassFileTransformer;
import java.net.SocketAddress;
import java.security.ProtectionDomain;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.asm.AsmVisitorWrapper;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.dynamic.scaffold.MethodGraph;
import net.bytebuddy.dynamic.scaffold.TypeValidation;
import net.bytebuddy.implementation.Implementation;
import net.bytebuddy.pool.TypePool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Inlines the bind advice into the JDK's listener classes as they load (or are retransformed). A plain
 * {@link ClassFileTransformer} that looks at four class names, rather than Byte Buddy's {@code AgentBuilder}:
 * the same result for a fraction of the start-up cost.
 */
final class BindTransformer implements ClassFileTransformer {
    private static final Logger log = LoggerFactory.getLogger(BindTransformer.class);

    private final Map<String, AsmVisitorWrapper> adviceByClass = new HashMap<>();
    private final ClassFileLocator jdkClasses = ClassFileLocator.ForClassLoader.ofSystemLoader();
    private final ByteBuddy byteBuddy = new ByteBuddy()
            .with(TypeValidation.DISABLED)
            .with(MethodGraph.Compiler.ForDeclaredMethods.INSTANCE)
            .with(Implementation.Context.Disabled.Factory.INSTANCE);
    private final AtomicBoolean failureLogged = new AtomicBoolean();

    BindTransformer() throws java.io.IOException {
        AsmVisitorWrapper tcp = advice(StreamBindAdvice.class).on(named("bind").and(not(isBridge()))
                .and(takesArguments(2)).and(takesArgument(0, SocketAddress.class)).and(takesArgument(1, int.class)));
        AsmVisitorWrapper udp = advice(DatagramBindAdvice.class).on(named("bind").and(not(isBridge()))
                .and(takesArguments(1)).and(takesArgument(0, SocketAddress.class)));
        JavaBase.TCP_BIND_CLASSES.forEach(c -> adviceByClass.put(HookRelocation.internalName(c), tcp));
        JavaBase.UDP_BIND_CLASSES.forEach(c -> adviceByClass.put(HookRelocation.internalName(c), udp));
    }

    private Advice advice(Class<?> type) throws java.io.IOException {
        ClassFileLocator locator = new ClassFileLocator.Compound(
                ClassFileLocator.Simple.of(type.getName(), HookRelocation.relocated(type)), jdkClasses);
        return Advice.to(TypePool.Default.of(locator).describe(type.getName()).resolve(), locator);
    }

    boolean targets(Class<?> type) {
        return type.getClassLoader() == null && adviceByClass.containsKey(HookRelocation.internalName(type.getName()));
    }

    @Override
    public byte[] transform(ClassLoader loader, String className, Class<?> redefined, ProtectionDomain domain,
            byte[] classFile) {
        AsmVisitorWrapper advice = loader == null && className != null ? adviceByClass.get(className) : null;
        if (advice == null) {
            return null;
        }
        String name = className.replace('/', '.');
        try {
            ClassFileLocator locator = new ClassFileLocator.Compound(ClassFileLocator.Simple.of(name, classFile),
                    jdkClasses);
            return byteBuddy.redefine(TypePool.Default.of(locator).describe(name).resolve(), locator)
                    .visit(advice)
                    .make()
                    .getBytes();
        } catch (Throwable t) {
            // Not instrumented: the JDK class stays as it is and its binds are not managed.
            if (failureLogged.compareAndSet(false, true)) {
                log.warn("cannot instrument {}: its listeners are not managed ({})", name, t.toString());
            }
            return null;
        }
    }
}
