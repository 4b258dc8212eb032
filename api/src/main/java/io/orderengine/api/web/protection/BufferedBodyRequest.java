package io.orderengine.api.web.protection;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * A request whose body {@link BodySizeLimitFilter} has already read into memory: the body is served from there, so
 * no thread of the application ever waits on the client's socket.
 *
 * <p>When the body was read without blocking, the rest of the filter chain and the controller run on the container's
 * ASYNC dispatch that follows. This request then answers {@link DispatcherType#REQUEST}, so every once-per-request
 * filter (request id, Spring Security, observations) handles it as the first and only dispatch it is for them — none
 * of them ran before. Should the application start asynchronous processing of its own, the dispatches that follow
 * are true ASYNC dispatches again, and those filters skip them as usual.
 *
 * <p>The API takes JSON only: form parameters in a POST body are not parsed from the buffer.
 */
final class BufferedBodyRequest extends HttpServletRequestWrapper {

    private volatile byte[] body = new byte[0];
    private volatile boolean firstDispatch = true;
    private ServletInputStream stream;

    BufferedBodyRequest(HttpServletRequest request) {
        super(request);
    }

    void body(byte[] body) {
        this.body = body;
    }

    @Override
    public DispatcherType getDispatcherType() {
        return firstDispatch ? DispatcherType.REQUEST : super.getDispatcherType();
    }

    @Override
    public AsyncContext startAsync() {
        firstDispatch = false;
        return super.startAsync();
    }

    @Override
    public AsyncContext startAsync(ServletRequest request, ServletResponse response) {
        firstDispatch = false;
        return super.startAsync(request, response);
    }

    @Override
    public int getContentLength() {
        return body.length;
    }

    @Override
    public long getContentLengthLong() {
        return body.length;
    }

    @Override
    public synchronized ServletInputStream getInputStream() {
        if (stream == null) {
            stream = new BufferedStream(body);
        }
        return stream;
    }

    @Override
    public BufferedReader getReader() {
        String encoding = getCharacterEncoding();
        Charset charset = encoding == null ? StandardCharsets.ISO_8859_1 : Charset.forName(encoding);
        return new BufferedReader(new InputStreamReader(getInputStream(), charset));
    }

    private static final class BufferedStream extends ServletInputStream {

        private final ByteArrayInputStream bytes;

        BufferedStream(byte[] body) {
            this.bytes = new ByteArrayInputStream(body);
        }

        @Override
        public int read() {
            return bytes.read();
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            return bytes.read(buffer, offset, length);
        }

        @Override
        public int available() {
            return bytes.available();
        }

        @Override
        public boolean isFinished() {
            return bytes.available() == 0;
        }

        @Override
        public boolean isReady() {
            return true;
        }

        /** The whole body is here: the listener hears of it at once. */
        @Override
        public void setReadListener(ReadListener listener) {
            try {
                listener.onDataAvailable();
                listener.onAllDataRead();
            } catch (java.io.IOException e) {
                listener.onError(e);
            }
        }
    }
}
