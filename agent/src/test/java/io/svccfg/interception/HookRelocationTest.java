package io.svccfg.interception;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.svccfg.bootstrap.BindHook;
import io.svccfg.jdk.JavaBase;
import java.lang.reflect.Method;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class HookRelocationTest {
    @Test
    void theRenamedHookIsTheSameClassUnderItsJavaBaseName() throws Exception {
        byte[] renamed = HookRelocation.relocated(BindHook.class);
        String text = new String(renamed, StandardCharsets.ISO_8859_1);
        assertFalse(text.contains(BindTransformer.internalName(BindHook.class.getName())), "no trace of the old name");

        Class<?> hook = new ClassLoader(getClass().getClassLoader()) {
            Class<?> define() {
                return defineClass(JavaBase.HOOK_CLASS, renamed, 0, renamed.length);
            }
        }.define();
        assertEquals(JavaBase.HOOK_CLASS, hook.getName());
        assertEquals(Function.class, hook.getField("onBind").getType());
        Method bindAddress = hook.getMethod("bindAddress", Object.class, SocketAddress.class, int.class,
                boolean.class);
        SocketAddress asked = new InetSocketAddress("127.0.0.1", 8080);
        SocketAddress moved = new InetSocketAddress("127.0.0.2", 8081);
        assertSame(asked, bindAddress.invoke(null, null, asked, 50, false), "no listener: as asked");
        // Its own fields, under the new name: a decision set there is the one it follows.
        Function<Object[], Object> elsewhere = arguments -> moved;
        hook.getField("onBind").set(null, elsewhere);
        assertSame(moved, bindAddress.invoke(null, null, asked, 50, false));
        assertEquals(null, BindHook.onBind, "the agent's own hook is untouched");
    }
}
