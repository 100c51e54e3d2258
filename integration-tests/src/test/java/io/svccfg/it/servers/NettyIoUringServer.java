package io.svccfg.it.servers;

import io.netty.channel.uring.IoUring;
import io.netty.channel.uring.IoUringIoHandler;
import io.netty.channel.uring.IoUringServerSocketChannel;

/**
 * {@link NettyServer} on Netty's io_uring transport. Where the kernel refuses io_uring, it prints
 * {@link #UNAVAILABLE} with the reason and exits with {@link Served#START_FAILED_STATUS}.
 */
public final class NettyIoUringServer {
    static final String KIND = "netty-io_uring";
    public static final String UNAVAILABLE = "io_uring unavailable: ";

    private NettyIoUringServer() {
    }

    public static void main(String[] args) {
        if (!IoUring.isAvailable()) {
            System.out.println(UNAVAILABLE + IoUring.unavailabilityCause());
            Served.startFailed(KIND, IoUring.unavailabilityCause());
        }
        NettyServer.serve(KIND, args, IoUringIoHandler.newFactory(), IoUringServerSocketChannel.class);
    }
}
