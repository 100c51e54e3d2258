package io.svccfg.jdk;

import java.io.FileDescriptor;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketOption;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;

/**
 * The descriptor work common to every move: put a fresh socket under the application's descriptor number, re-arm
 * the selectors that watched it, and wake the threads blocked on the old socket. Callers hold the channel's locks.
 */
final class Descriptors {
    /** errno of an epoll ADD for a descriptor already registered: the registration survived, nothing to do. */
    private static final int EEXIST = 17;

    private final JdkInternals jdk;

    Descriptors(JdkInternals jdk) {
        this.jdk = jdk;
    }

    int fdVal(FileDescriptor fd) throws IOException {
        return (int) invoke(() -> (int) jdk.fdVal.invokeExact(fd));
    }

    /**
     * Makes the application's descriptor number refer to the fresh socket (the old one is released by the kernel
     * once no thread uses it), in the blocking mode the application's object expects.
     */
    void replace(FileDescriptor appFd, int freshFdVal, boolean blocking) throws IOException {
        dup2(freshFdVal, fdVal(appFd));
        configureBlocking(appFd, blocking);
    }

    /**
     * A second descriptor for the socket under {@code fdVal}, taken before a move puts the fresh socket there: the
     * old socket then stays open (still listening, its queue intact) for as long as svccfg holds it.
     */
    RetainedSocket retain(int fdVal, InetSocketAddress endpoint) throws IOException {
        int old = (int) invoke(() -> (int) jdk.dup.invokeExact(fdVal));
        try {
            return new RetainedSocket(this, old, endpoint);
        } catch (IOException | RuntimeException e) {
            close(old);
            throw e;
        }
    }

    /**
     * Removes the channel's descriptor from every epoll selector that watches it, while it still refers to the old
     * socket. An epoll registration belongs to the socket, not to the number: if the old socket outlives the move
     * (retained to drain), a registration left in place goes on reporting the old socket's connections under the
     * application's key, where its {@code accept()} finds nothing, and a selector spins. After the move the number
     * refers to the fresh socket, and the registration can no longer be named.
     */
    void forget(SelectableChannel channel, int fdVal) throws IOException {
        synchronized (jdk.keyLock.get(channel)) {
            SelectionKey[] keys = (SelectionKey[]) jdk.keys.get(channel);
            if (keys == null) {
                return;
            }
            for (SelectionKey key : keys) {
                if (key != null && key.isValid() && jdk.epollSelector.isInstance(key.selector())) {
                    Selector selector = key.selector();
                    synchronized (jdk.updateLock.get(selector)) {
                        int epfd = (int) jdk.epfd.get(selector);
                        // ENOENT (never registered, events were 0) is as good as done.
                        invoke(() -> (int) jdk.epollCtl.invokeExact(epfd, jdk.epollCtlDel, fdVal, 0));
                    }
                }
            }
        }
    }

    /**
     * {@code epoll_ctl} on an epoll instance svccfg knows by its number (Netty's): ADD or DEL of {@code fdVal} with
     * {@code events}; returns the errno, 0 when it succeeded.
     */
    int epollCtl(int epfd, boolean add, int fdVal, int events) throws IOException {
        int op = add ? jdk.epollCtlAdd : jdk.epollCtlDel;
        return (int) invoke(() -> (int) jdk.epollCtl.invokeExact(epfd, op, fdVal, events));
    }

    /** A socket option of the socket under {@code fd}, which no JDK channel owns. */
    Object option(FileDescriptor fd, SocketOption<?> option) throws IOException {
        return invoke(() -> (Object) jdk.getSocketOption.invokeExact(fd, option));
    }

    void option(FileDescriptor fd, SocketOption<?> option, Object value) throws IOException {
        invoke(() -> {
            jdk.setSocketOption.invokeExact(fd, option, value);
            return null;
        });
    }

    /**
     * An epoll registration belongs to the old socket and went with it: register the descriptor again, with the
     * same events, in every epoll selector that watched the channel. Other selectors re-read on wake-up.
     */
    void rearm(SelectableChannel channel, int fdVal) throws IOException {
        synchronized (jdk.keyLock.get(channel)) {
            SelectionKey[] keys = (SelectionKey[]) jdk.keys.get(channel);
            if (keys == null) {
                return;
            }
            for (SelectionKey key : keys) {
                if (key == null || !key.isValid()) {
                    continue;
                }
                Selector selector = key.selector();
                if (jdk.epollSelector.isInstance(selector)) {
                    synchronized (jdk.updateLock.get(selector)) {
                        int events = (int) invoke(() -> (int) jdk.registeredEvents.invoke(key));
                        if (events != 0) {
                            int epfd = (int) jdk.epfd.get(selector);
                            int errno = (int) invoke(() -> (int) jdk.epollCtl.invokeExact(epfd, jdk.epollCtlAdd, fdVal,
                                    events));
                            if (errno != 0 && errno != EEXIST) {
                                throw new IOException("epoll_ctl ADD failed, errno " + errno);
                            }
                        }
                    }
                }
                selector.wakeup();
            }
        }
    }

    /**
     * Wakes the thread that {@code token} names (a JDK "native thread" token) so that the JDK's own retry loop
     * re-issues its call on the descriptor, now the fresh socket: a platform thread gets the JDK's signal (EINTR), a
     * virtual thread (token of JDK 21+) is unparked from the poller.
     */
    void wake(long token, int fdVal) throws IOException {
        if (token == 0) {
            return;
        }
        boolean virtual = jdk.isVirtualThread != null
                && (boolean) invoke(() -> (boolean) jdk.isVirtualThread.invokeExact(token));
        if (virtual) {
            if (jdk.stopPoll != null) {
                invoke(() -> {
                    jdk.stopPoll.invokeExact(fdVal);
                    return null;
                });
            }
        } else {
            invoke(() -> {
                jdk.signal.invokeExact(token);
                return null;
            });
        }
    }

    void configureBlocking(FileDescriptor fd, boolean blocking) throws IOException {
        invoke(() -> {
            jdk.configureBlocking.invokeExact(fd, blocking);
            return null;
        });
    }

    /** A {@link FileDescriptor} for a number svccfg holds, with no cleaner: svccfg closes it. */
    FileDescriptor wrap(int fdVal) throws IOException {
        return (FileDescriptor) invoke(() -> (FileDescriptor) jdk.newFD.invokeExact(fdVal));
    }

    /** One accept on a non-blocking listening socket: > 0 with {@code connection} and {@code remote[0]} set. */
    int accept(FileDescriptor listening, FileDescriptor connection, InetSocketAddress[] remote) throws IOException {
        return (int) invoke(() -> (int) jdk.netAccept.invokeExact(listening, connection, remote));
    }

    /** Waits at most {@code millis} for {@code fd} to be readable (for a listening socket: a connection). */
    void awaitReadable(FileDescriptor fd, long millis) throws IOException {
        invoke(() -> (int) jdk.netPoll.invokeExact(fd, (int) jdk.pollIn, millis));
    }

    /** Sets the accept queue's length of the listening socket {@code fd}. */
    void listen(FileDescriptor fd, int backlog) throws IOException {
        invoke(() -> {
            jdk.listen.invokeExact(fd, backlog);
            return null;
        });
    }

    /** Closes a descriptor that svccfg holds as a number (a retained socket, a connection taken from it). */
    void close(int fdVal) throws IOException {
        invoke(() -> {
            jdk.close0.invokeExact(fdVal);
            return null;
        });
    }

    /** Puts the socket of {@code fromFdVal} under {@code to}'s number and closes {@code fromFdVal}. */
    void moveOnto(int fromFdVal, FileDescriptor to) throws IOException {
        moveOnto(fromFdVal, fdVal(to));
    }

    void moveOnto(int fromFdVal, int toFdVal) throws IOException {
        dup2(fromFdVal, toFdVal);
        close(fromFdVal);
    }

    private void dup2(int fromFdVal, int toFdVal) throws IOException {
        invoke(() -> {
            jdk.dup2.invokeExact(fromFdVal, toFdVal);
            return null;
        });
    }

    /** Closes a retained socket whose move failed half-way; the move's own failure is what matters. */
    static void closeQuietly(RetainedSocket old) {
        if (old != null) {
            try {
                old.close();
            } catch (IOException e) {
                // the move's failure is reported
            }
        }
    }

    private interface Call {
        Object call() throws Throwable;
    }

    private static Object invoke(Call call) throws IOException {
        try {
            return call.call();
        } catch (IOException | RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IOException(t);
        }
    }
}
