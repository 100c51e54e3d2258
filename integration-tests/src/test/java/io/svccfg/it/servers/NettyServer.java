package io.svccfg.it.servers;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.ServerSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * Netty 4.2 on its NIO transport (through the JDK's ServerSocketChannel), on the wildcard address and the given
 * port, answering every request; {@link #serve} runs the same server on Netty's native transports.
 */
public final class NettyServer {
    static final String KIND = "netty";

    private NettyServer() {
    }

    public static void main(String[] args) {
        serve(KIND, args, NioIoHandler.newFactory(), NioServerSocketChannel.class);
    }

    /** The server of {@code kind} on the transport of {@code handlers} and {@code channel}. */
    static void serve(String kind, String[] args, IoHandlerFactory handlers,
            Class<? extends ServerSocketChannel> channel) {
        try {
            int port = Served.port(args);
            MultiThreadIoEventLoopGroup group = new MultiThreadIoEventLoopGroup(handlers);
            new ServerBootstrap()
                    .group(group)
                    .channel(channel)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel channel) {
                            channel.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(64 * 1024),
                                    new Answer(kind));
                        }
                    })
                    // sync() rethrows a failed bind.
                    .bind(port).sync();
            Served.listening(kind, port);
        } catch (Throwable e) {
            Served.startFailed(kind, e);
        }
    }

    private static final class Answer extends SimpleChannelInboundHandler<FullHttpRequest> {
        private final String kind;

        Answer(String kind) {
            this.kind = kind;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext context, FullHttpRequest request) {
            InetSocketAddress local = (InetSocketAddress) context.channel().localAddress();
            FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
                    Unpooled.copiedBuffer(Served.body(kind, local), StandardCharsets.UTF_8));
            response.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8");
            response.headers().set(Served.PEER_HEADER,
                    Served.peer((InetSocketAddress) context.channel().remoteAddress()));
            HttpUtil.setContentLength(response, response.content().readableBytes());
            boolean keepAlive = HttpUtil.isKeepAlive(request);
            HttpUtil.setKeepAlive(response, keepAlive);
            var written = context.writeAndFlush(response);
            if (!keepAlive) {
                written.addListener(ChannelFutureListener.CLOSE);
            }
        }
    }
}
