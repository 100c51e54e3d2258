package io.svccfg.demo;

import java.io.IOException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousServerSocketChannel;
import java.nio.channels.AsynchronousSocketChannel;
import java.nio.channels.CompletionHandler;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * {@code async}: an {@link AsynchronousServerSocketChannel} whose accept handler arms the next accept each time.
 * There is no loop to run: {@link #serve()} only waits for the channel to close.
 */
final class AsyncListener implements Listener, CompletionHandler<AsynchronousSocketChannel, Void> {
    private final AsynchronousServerSocketChannel channel;
    private final CompletableFuture<Void> ended = new CompletableFuture<>();

    AsyncListener(Options options) throws IOException {
        channel = AsynchronousServerSocketChannel.open();
        try {
            channel.bind(options.address(), options.backlog());
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    @Override
    public SocketAddress localAddress() throws IOException {
        return channel.getLocalAddress();
    }

    @Override
    public void serve() throws Exception {
        acceptNext();
        try {
            ended.get();
        } catch (ExecutionException e) {
            throw (Exception) e.getCause();
        }
    }

    @Override
    public void completed(AsynchronousSocketChannel accepted, Void unused) {
        acceptNext(); // first, so the next client does not wait for this one's reply
        try (accepted) {
            ByteBuffer line = ByteBuffer.wrap(Lines.tcp(Kind.ASYNC, localAddress(), accepted.getLocalAddress(),
                    accepted.getRemoteAddress()));
            while (line.hasRemaining()) {
                accepted.write(line).get(); // one short line: the wait is for a write that completes at once
            }
        } catch (IOException | ExecutionException | RuntimeException e) {
            Out.error(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void failed(Throwable e, Void unused) {
        if (!channel.isOpen()) {
            ended.completeExceptionally(e);
            return;
        }
        Out.error(e);
        Out.pauseAfterError();
        acceptNext();
    }

    private void acceptNext() {
        try {
            channel.accept(null, this);
        } catch (RuntimeException e) { // e.g. the channel group shut down: no accept can ever be armed again
            ended.completeExceptionally(e);
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
