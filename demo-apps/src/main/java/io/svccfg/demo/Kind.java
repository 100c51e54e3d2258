package io.svccfg.demo;

import java.io.IOException;

/** The ways a JVM application can open a listener, one per server class. */
enum Kind {
    SERVER_SOCKET("server-socket", true, true, true, ServerSocketListener::new),
    NIO_SELECTOR("nio-selector", true, true, true, NioSelectorListener::new),
    NIO_BLOCKING("nio-blocking", true, true, true, NioBlockingListener::new),
    /** No --late-bind (the channel has no second way to bind) nor --virtual (completion handlers run on the group's threads). */
    ASYNC("async", true, false, false, AsyncListener::new),
    DATAGRAM_SOCKET("datagram-socket", false, true, true, DatagramSocketListener::new),
    DATAGRAM_CHANNEL("datagram-channel", false, true, true, DatagramChannelListener::new),
    MULTICAST_SOCKET("multicast-socket", false, true, true, MulticastSocketListener::new);

    /** Binds a new listener of this kind as the options say; throws if the bind fails. */
    interface Opener {
        Listener open(Options options) throws IOException;
    }

    final String id;
    final boolean tcp;
    final boolean lateBind;
    final boolean virtual;
    private final Opener opener;

    Kind(String id, boolean tcp, boolean lateBind, boolean virtual, Opener opener) {
        this.id = id;
        this.tcp = tcp;
        this.lateBind = lateBind;
        this.virtual = virtual;
        this.opener = opener;
    }

    Listener open(Options options) throws IOException {
        return opener.open(options);
    }

    static Kind byId(String id) {
        for (Kind kind : values()) {
            if (kind.id.equals(id)) {
                return kind;
            }
        }
        return null;
    }

    static String ids() {
        StringBuilder ids = new StringBuilder();
        for (Kind kind : values()) {
            ids.append(ids.length() == 0 ? "" : ", ").append(kind.id);
        }
        return ids.toString();
    }

    @Override
    public String toString() {
        return id;
    }
}
