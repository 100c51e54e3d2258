package io.svccfg.jdk;

import java.io.FileDescriptor;
import java.io.IOException;
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
        int appFdVal = fdVal(appFd);
        invoke(() -> {
            jdk.dup2.invokeExact(freshFdVal, appFdVal);
            return null;
        });
        invoke(() -> {
            jdk.configureBlocking.invokeExact(appFd, blocking);
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
