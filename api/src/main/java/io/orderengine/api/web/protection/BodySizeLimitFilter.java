package io.orderengine.api.web.protection;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.orderengine.api.web.Problems;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.apache.tomcat.util.buf.UDecoder;
import org.apache.tomcat.util.http.RequestUtil;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.WebUtils;

/**
 * Reads every request body into memory before anything else sees the request, and guards it: bodies over 100 kB are
 * refused with 413 (webhooks included), at once when Content-Length says so and while reading when a chunked body
 * grows past the limit; a body that has not fully arrived within {@code engine.web.body-read-timeout} (default 10 s)
 * is refused with 408 and the connection closed; a Content-Type that is a wildcard ({@code *}{@code /*}), which Spring
 * cannot even parse into headers, is refused with 415.
 *
 * <p>On Tomcat the body is read with Servlet non-blocking I/O ({@link NonBlockingBodyRead}): a client that trickles its
 * body holds a connection, never one of the worker threads, so slow clients cannot starve the API. The request then
 * continues on the ASYNC dispatch that follows, as a {@link BufferedBodyRequest}. Where the container offers no
 * non-blocking reads (MockMvc in tests) the body is read with blocking reads, under the same limit.
 *
 * <p>This filter must be the first: filters before it would run for both dispatches. Every filter after it must be
 * registered for the ASYNC dispatcher type, as Spring Boot does for once-per-request filters and Spring Security.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class BodySizeLimitFilter extends OncePerRequestFilter {

    public static final int MAX_BYTES = 100 * 1024;

    /** A servlet context attribute: set (by {@code TomcatConfiguration}) when the container reads without blocking. */
    public static final String NON_BLOCKING_READS = BodySizeLimitFilter.class.getName() + ".NON_BLOCKING_READS";

    private final ObjectMapper mapper;
    private final SecurityHeaders securityHeaders;
    private final Duration bodyReadTimeout;

    public BodySizeLimitFilter(
            ObjectMapper mapper,
            ObjectProvider<SecurityFilterChain> securityChains,
            @Value("${engine.web.body-read-timeout:10s}") Duration bodyReadTimeout) {
        this.mapper = mapper;
        this.securityHeaders = new SecurityHeaders(securityChains);
        this.bodyReadTimeout = bodyReadTimeout;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        BufferedBodyRequest buffered = WebUtils.getNativeRequest(request, BufferedBodyRequest.class);
        if (buffered != null) {
            // the dispatch after a non-blocking read: the body is here
            continueWith(request, response, chain);
            return;
        }
        if (request.getContentLengthLong() > MAX_BYTES) {
            tooLarge(request, response);
            return;
        }
        if (!hasBody(request)) {
            continueWith(request, response, chain);
            return;
        }
        buffered = new BufferedBodyRequest(request);
        if (readsWithoutBlocking(request)) {
            if (!dispatchable(request)) {
                // the request continues on a dispatch to its own URI, which the container resolves again: a URI that
                // only the firewall would refuse (an encoded "../" above the root) resolves to nothing
                refuse(
                        request,
                        response,
                        HttpStatus.BAD_REQUEST,
                        "request-rejected",
                        "The request URL is not allowed.");
                return;
            }
            AsyncContext async = request.startAsync(buffered, response);
            NonBlockingBodyRead.start(async, buffered, MAX_BYTES, bodyReadTimeout.toMillis(), refusals(request));
            return;
        }
        byte[] body = readBlocking(request.getInputStream());
        if (body == null) {
            tooLarge(request, response);
            return;
        }
        buffered.body(body);
        continueWith(buffered, response, chain);
    }

    private void continueWith(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String contentType = request.getContentType();
        if (contentType != null && contentType.split(";", 2)[0].contains("*")) {
            refuse(
                    request,
                    response,
                    HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                    "request",
                    "The Content-Type is not a concrete media type; send application/json.");
            return;
        }
        chain.doFilter(request, response);
    }

    private static boolean hasBody(HttpServletRequest request) {
        return request.getContentLengthLong() > 0 || request.getHeader(HttpHeaders.TRANSFER_ENCODING) != null;
    }

    private static boolean readsWithoutBlocking(HttpServletRequest request) {
        return request.isAsyncSupported()
                && Boolean.TRUE.equals(request.getServletContext().getAttribute(NON_BLOCKING_READS));
    }

    private static boolean dispatchable(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return !encodesAClimbAboveTheRoot(path) && request.getServletContext().getRequestDispatcher(path) != null;
    }

    /**
     * Tomcat's own test in {@code getRequestDispatcher} (normalize, decode, normalize again), made first so that a
     * hostile {@code ..%2F} path is refused without Tomcat logging a warning and a stack trace for it.
     */
    static boolean encodesAClimbAboveTheRoot(String path) {
        String normalized = RequestUtil.normalize(path);
        if (normalized == null) {
            return true;
        }
        try {
            String decoded = UDecoder.URLDecode(normalized, StandardCharsets.UTF_8);
            return !decoded.equals(RequestUtil.normalize(decoded));
        } catch (IllegalArgumentException badEncoding) {
            return true;
        }
    }

    /** The body, or null when it is over the limit. */
    private static byte[] readBlocking(InputStream input) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        byte[] chunk = new byte[8192];
        for (int n; (n = input.read(chunk)) >= 0; ) {
            body.write(chunk, 0, n);
            if (body.size() > MAX_BYTES) {
                return null;
            }
        }
        return body.toByteArray();
    }

    private NonBlockingBodyRead.Refusals refusals(HttpServletRequest request) {
        return new NonBlockingBodyRead.Refusals() {
            @Override
            public void tooLarge(AsyncContext async) {
                endWith(async, () -> BodySizeLimitFilter.this.tooLarge(request, response(async)));
            }

            @Override
            public void tooSlow(AsyncContext async) {
                endWith(
                        async,
                        () -> refuse(
                                request,
                                response(async),
                                HttpStatus.REQUEST_TIMEOUT,
                                "request-timeout",
                                "The request body did not arrive in time."));
            }
        };
    }

    private static HttpServletResponse response(AsyncContext async) {
        return (HttpServletResponse) async.getResponse();
    }

    private interface Answer {
        void write() throws IOException;
    }

    private void endWith(AsyncContext async, Answer answer) {
        try {
            answer.write();
        } catch (IOException | RuntimeException e) {
            logger.debug("Could not answer a refused request body", e);
        } finally {
            async.complete();
        }
    }

    private void tooLarge(HttpServletRequest request, HttpServletResponse response) throws IOException {
        refuse(
                request,
                response,
                HttpStatus.PAYLOAD_TOO_LARGE,
                "payload-too-large",
                "Request bodies may be at most 100 kB.");
    }

    /** A refusal before Spring Security ran: the same security headers, and the connection closed (body unread). */
    private void refuse(
            HttpServletRequest request, HttpServletResponse response, HttpStatus status, String kind, String detail)
            throws IOException {
        if (response.isCommitted()) {
            return;
        }
        response.resetBuffer();
        response.setStatus(status.value());
        securityHeaders.apply(request, response);
        if (status != HttpStatus.UNSUPPORTED_MEDIA_TYPE) {
            response.setHeader(HttpHeaders.CONNECTION, "close");
        }
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        mapper.writeValue(response.getOutputStream(), Problems.of(status, kind, detail));
    }

    /** Thrown while reading once the body passed the limit. */
    public static final class BodyTooLargeException extends IOException {
        BodyTooLargeException() {
            super("request body over " + MAX_BYTES + " bytes");
        }
    }
}
