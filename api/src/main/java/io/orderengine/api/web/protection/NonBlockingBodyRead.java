package io.orderengine.api.web.protection;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Reads one request body with Servlet non-blocking I/O: the container calls back as bytes arrive, and no thread waits
 * for a slow client in between. Ends in exactly one of: the whole body read (the request is dispatched again, with
 * the body in memory), the body grew past the limit (413), the deadline passed or the socket timed out (408), or the
 * client went away. The deadline is the async timeout (for a client that stops sending) and is checked again on every
 * arrival of bytes (for one that keeps sending a little).
 */
final class NonBlockingBodyRead implements ReadListener, AsyncListener {

    /** What ends a read other than success. */
    interface Refusals {
        void tooLarge(AsyncContext async);

        void tooSlow(AsyncContext async);
    }

    private final AsyncContext async;
    private final ServletInputStream input;
    private final BufferedBodyRequest request;
    private final long maxBytes;
    private final long deadlineNanos;
    private final Refusals refusals;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    private final byte[] chunk = new byte[8192];
    private final AtomicBoolean ended = new AtomicBoolean();

    private NonBlockingBodyRead(
            AsyncContext async,
            ServletInputStream input,
            BufferedBodyRequest request,
            long maxBytes,
            long deadlineMillis,
            Refusals refusals) {
        this.async = async;
        this.input = input;
        this.request = request;
        this.maxBytes = maxBytes;
        this.deadlineNanos = System.nanoTime() + deadlineMillis * 1_000_000L;
        this.refusals = refusals;
    }

    /** Starts reading; the caller returns its thread to the container right after. */
    static void start(
            AsyncContext async, BufferedBodyRequest request, long maxBytes, long deadlineMillis, Refusals refusals)
            throws IOException {
        ServletInputStream input = request.getRequest().getInputStream();
        NonBlockingBodyRead read = new NonBlockingBodyRead(async, input, request, maxBytes, deadlineMillis, refusals);
        async.setTimeout(deadlineMillis);
        async.addListener(read);
        input.setReadListener(read);
    }

    /**
     * Reads what has come. The deadline is checked here too, so a body that keeps trickling is cut off by the first
     * byte after it even when the container's timeout check (about once a second) comes later.
     */
    @Override
    public void onDataAvailable() throws IOException {
        if (System.nanoTime() - deadlineNanos > 0 && ended.compareAndSet(false, true)) {
            refusals.tooSlow(async);
            return;
        }
        while (!ended.get() && input.isReady()) {
            int n = input.read(chunk);
            if (n < 0) {
                return;
            }
            buffer.write(chunk, 0, n);
            if (buffer.size() > maxBytes && ended.compareAndSet(false, true)) {
                refusals.tooLarge(async);
                return;
            }
        }
    }

    @Override
    public void onAllDataRead() {
        if (ended.compareAndSet(false, true)) {
            request.body(buffer.toByteArray());
            async.dispatch();
        }
    }

    /** A read failed: the socket's own read timeout (a stalled client) is a 408; anything else, the client left. */
    @Override
    public void onError(Throwable t) {
        if (ended.compareAndSet(false, true)) {
            if (t instanceof SocketTimeoutException) {
                refusals.tooSlow(async);
            } else {
                async.complete();
            }
        }
    }

    /** The whole-body deadline passed before the last byte came. */
    @Override
    public void onTimeout(AsyncEvent event) {
        if (ended.compareAndSet(false, true)) {
            refusals.tooSlow(async);
        }
    }

    @Override
    public void onError(AsyncEvent event) {
        onError(event.getThrowable());
    }

    @Override
    public void onComplete(AsyncEvent event) {}

    @Override
    public void onStartAsync(AsyncEvent event) {}
}
