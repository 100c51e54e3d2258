package io.svccfg.jdk;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.List;

/**
 * Every JDK-internal name that moving a listener needs, looked up once (JDK 17 and 25 name them alike; where they
 * differ, both are tried). A name this JVM lacks is recorded, never thrown: the socket kinds that need it are then
 * not movable, and say why.
 */
final class JdkInternals {
    private final List<String> missing = new ArrayList<>();

    {
        JavaBase.open(); // before the fields' look-ups, which reach inside java.base
    }

    // descriptors and threads
    final MethodHandle dup2 = staticMethod("sun.nio.ch.InheritedChannel", "dup2", void.class, int.class, int.class);
    final MethodHandle fdVal = staticMethod("sun.nio.ch.IOUtil", "fdVal", int.class, java.io.FileDescriptor.class);
    final MethodHandle configureBlocking = staticMethod("sun.nio.ch.IOUtil", "configureBlocking", void.class,
            java.io.FileDescriptor.class, boolean.class);
    final MethodHandle signal = staticMethod("sun.nio.ch.NativeThread", "signal", void.class, long.class);
    /** JDK 21+: a thread token that stands for any virtual thread; absent on 17, which has none. */
    final MethodHandle isVirtualThread = optionalStaticMethod("sun.nio.ch.NativeThread", "isVirtualThread",
            boolean.class, long.class);
    /** JDK 21+: unparks the virtual threads polling a descriptor. */
    final MethodHandle stopPoll = optionalStaticMethod("sun.nio.ch.Poller", "stopPoll", void.class, int.class);

    // retaining an old socket and handing its connections over (drain)
    final MethodHandle dup = staticMethod("sun.nio.ch.InheritedChannel", "dup", int.class, int.class);
    final MethodHandle close0 = staticMethod("sun.nio.ch.InheritedChannel", "close0", void.class, int.class);
    final MethodHandle newFD = staticMethod("sun.nio.ch.IOUtil", "newFD", java.io.FileDescriptor.class, int.class);
    final MethodHandle netAccept = staticMethod("sun.nio.ch.Net", "accept", int.class, java.io.FileDescriptor.class,
            java.io.FileDescriptor.class, java.net.InetSocketAddress[].class);
    final MethodHandle netPoll = staticMethod("sun.nio.ch.Net", "poll", int.class, java.io.FileDescriptor.class,
            int.class, long.class);
    final short pollIn = shortConstant("sun.nio.ch.Net", "POLLIN");
    final MethodHandle listen = staticMethod("sun.nio.ch.Net", "listen", void.class, java.io.FileDescriptor.class,
            int.class);
    final VarHandle socketImplPort = field("java.net.SocketImpl", "port", int.class);

    // a socket svccfg knows only by its descriptor (Netty's native transports)
    final MethodHandle getSocketOption = staticMethod("sun.nio.ch.Net", "getSocketOption", Object.class,
            java.io.FileDescriptor.class, java.net.SocketOption.class);
    final MethodHandle setSocketOption = staticMethod("sun.nio.ch.Net", "setSocketOption", void.class,
            java.io.FileDescriptor.class, java.net.SocketOption.class, Object.class);

    // selectors
    final VarHandle regLock = field("java.nio.channels.spi.AbstractSelectableChannel", "regLock", Object.class);
    final VarHandle keyLock = field("java.nio.channels.spi.AbstractSelectableChannel", "keyLock", Object.class);
    final VarHandle keys = field("java.nio.channels.spi.AbstractSelectableChannel", "keys",
            java.nio.channels.SelectionKey[].class);
    final Class<?> epollSelector = type("sun.nio.ch.EPollSelectorImpl");
    final VarHandle epfd = field("sun.nio.ch.EPollSelectorImpl", "epfd", int.class);
    final VarHandle updateLock = field("sun.nio.ch.EPollSelectorImpl", "updateLock", Object.class);
    final MethodHandle registeredEvents = method("sun.nio.ch.SelectionKeyImpl", "registeredEvents", int.class);
    final MethodHandle epollCtl = staticMethod("sun.nio.ch.EPoll", "ctl", int.class, int.class, int.class, int.class,
            int.class);
    final int epollCtlAdd = constant("sun.nio.ch.EPoll", "EPOLL_CTL_ADD");
    final int epollCtlDel = constant("sun.nio.ch.EPoll", "EPOLL_CTL_DEL");

    // ServerSocketChannel (also under ServerSocketChannel.socket() and HttpServer)
    final Class<?> serverChannel = type("sun.nio.ch.ServerSocketChannelImpl");
    final VarHandle serverChannelFd = field("sun.nio.ch.ServerSocketChannelImpl", "fd", java.io.FileDescriptor.class);
    final VarHandle serverChannelStateLock = field("sun.nio.ch.ServerSocketChannelImpl", "stateLock", Object.class);
    final VarHandle serverChannelState = field("sun.nio.ch.ServerSocketChannelImpl", "state", int.class);
    final int serverChannelInUse = constant("sun.nio.ch.ServerSocketChannelImpl", "ST_INUSE");
    final VarHandle serverChannelThread = field("sun.nio.ch.ServerSocketChannelImpl", "thread", long.class);
    final VarHandle serverChannelLocalAddress = field("sun.nio.ch.ServerSocketChannelImpl", "localAddress",
            java.net.SocketAddress.class);
    final VarHandle serverChannelFamily = field("sun.nio.ch.ServerSocketChannelImpl", "family",
            java.net.ProtocolFamily.class);
    /** JDK 21+: a blocking channel used by a virtual thread has a non-blocking socket. */
    final VarHandle serverChannelForcedNonBlocking = optionalField("sun.nio.ch.ServerSocketChannelImpl",
            "forcedNonBlocking", boolean.class);

    // java.net.ServerSocket over NioSocketImpl
    final VarHandle serverSocketImpl = field("java.net.ServerSocket", "impl", java.net.SocketImpl.class);
    final Class<?> nioSocketImpl = type("sun.nio.ch.NioSocketImpl");
    final VarHandle socketImplFd = field("java.net.SocketImpl", "fd", java.io.FileDescriptor.class);
    final VarHandle socketImplAddress = field("java.net.SocketImpl", "address", java.net.InetAddress.class);
    final VarHandle socketImplLocalPort = field("java.net.SocketImpl", "localport", int.class);
    final VarHandle nioImplStateLock = field("sun.nio.ch.NioSocketImpl", "stateLock", Object.class);
    final VarHandle nioImplState = field("sun.nio.ch.NioSocketImpl", "state", int.class);
    final int nioImplUnconnected = constant("sun.nio.ch.NioSocketImpl", "ST_UNCONNECTED");
    final int nioImplClosing = constant("sun.nio.ch.NioSocketImpl", "ST_CLOSING");
    final VarHandle nioImplReaderThread = field("sun.nio.ch.NioSocketImpl", "readerThread", long.class);
    final VarHandle nioImplNonBlocking = field("sun.nio.ch.NioSocketImpl", "nonBlocking", boolean.class);

    // DatagramChannel (also under DatagramSocket and MulticastSocket)
    final Class<?> datagramChannel = type("sun.nio.ch.DatagramChannelImpl");
    final VarHandle datagramFd = field("sun.nio.ch.DatagramChannelImpl", "fd", java.io.FileDescriptor.class);
    final VarHandle datagramStateLock = field("sun.nio.ch.DatagramChannelImpl", "stateLock", Object.class);
    final VarHandle datagramState = field("sun.nio.ch.DatagramChannelImpl", "state", int.class);
    final int datagramUnconnected = constant("sun.nio.ch.DatagramChannelImpl", "ST_UNCONNECTED");
    final VarHandle datagramReaderThread = field("sun.nio.ch.DatagramChannelImpl", "readerThread", long.class);
    final VarHandle datagramWriterThread = field("sun.nio.ch.DatagramChannelImpl", "writerThread", long.class);
    final VarHandle datagramLocalAddress = field("sun.nio.ch.DatagramChannelImpl", "localAddress",
            java.net.InetSocketAddress.class);
    final VarHandle datagramFamily = field("sun.nio.ch.DatagramChannelImpl", "family", java.net.ProtocolFamily.class);
    final VarHandle datagramForcedNonBlocking = optionalField("sun.nio.ch.DatagramChannelImpl", "forcedNonBlocking",
            boolean.class);

    /** The classes every move needs: descriptors, threads, selectors. */
    private static final List<String> COMMON = List.of("sun.nio.ch.InheritedChannel", "sun.nio.ch.IOUtil",
            "sun.nio.ch.NativeThread", "java.nio.channels.spi.AbstractSelectableChannel", "sun.nio.ch.EPoll",
            "sun.nio.ch.SelectionKeyImpl");

    /**
     * What this JVM lacks of the names that a move of these classes' objects needs (and of the common ones), or
     * null when it has them all.
     */
    String missingFor(String... classes) {
        List<String> prefixes = new ArrayList<>(COMMON);
        prefixes.addAll(List.of(classes));
        List<String> lacking = missing.stream()
                .filter(name -> prefixes.stream().anyMatch(name::startsWith))
                .toList();
        return lacking.isEmpty() ? null : "this JVM lacks " + String.join(", ", lacking);
    }

    private Class<?> type(String name) {
        try {
            return Class.forName(name, false, null);
        } catch (ClassNotFoundException | LinkageError e) {
            missing.add(name);
            return null;
        }
    }

    private MethodHandles.Lookup lookupIn(String className) throws ReflectiveOperationException {
        return MethodHandles.privateLookupIn(Class.forName(className, false, null), MethodHandles.lookup());
    }

    private VarHandle field(String owner, String name, Class<?> type) {
        try {
            return lookupIn(owner).findVarHandle(Class.forName(owner, false, null), name, type);
        } catch (ReflectiveOperationException | RuntimeException e) {
            missing.add(owner + "." + name);
            return null;
        }
    }

    private VarHandle optionalField(String owner, String name, Class<?> type) {
        try {
            return lookupIn(owner).findVarHandle(Class.forName(owner, false, null), name, type);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    private int constant(String owner, String name) {
        try {
            return (int) lookupIn(owner).findStaticVarHandle(Class.forName(owner, false, null), name, int.class).get();
        } catch (ReflectiveOperationException | RuntimeException e) {
            missing.add(owner + "." + name);
            return Integer.MIN_VALUE;
        }
    }

    private short shortConstant(String owner, String name) {
        try {
            return (short) lookupIn(owner).findStaticVarHandle(Class.forName(owner, false, null), name, short.class)
                    .get();
        } catch (ReflectiveOperationException | RuntimeException e) {
            missing.add(owner + "." + name);
            return 0;
        }
    }

    private MethodHandle method(String owner, String name, Class<?> returns, Class<?>... parameters) {
        try {
            return lookupIn(owner).findVirtual(Class.forName(owner, false, null), name,
                    MethodType.methodType(returns, parameters));
        } catch (ReflectiveOperationException | RuntimeException e) {
            missing.add(owner + "." + name + "()");
            return null;
        }
    }

    private MethodHandle staticMethod(String owner, String name, Class<?> returns, Class<?>... parameters) {
        MethodHandle handle = optionalStaticMethod(owner, name, returns, parameters);
        if (handle == null) {
            missing.add(owner + "." + name + "()");
        }
        return handle;
    }

    private MethodHandle optionalStaticMethod(String owner, String name, Class<?> returns, Class<?>... parameters) {
        try {
            return lookupIn(owner).findStatic(Class.forName(owner, false, null), name,
                    MethodType.methodType(returns, parameters));
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }
}
