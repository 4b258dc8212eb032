package io.orderengine.api.web.protection;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.HeaderWriterFilter;

/**
 * The security headers of the API (CSP, HSTS, X-Frame-Options, nosniff, Referrer-Policy, no-store...) for answers
 * written outside Spring Security's filter chain: Tomcat's own error pages and the refusals of
 * {@link BodySizeLimitFilter}, which runs before the chain. It runs the chain's own {@link HeaderWriterFilter}, so
 * the list is the one {@code SecurityConfiguration} configures, never a copy that could drift.
 */
public final class SecurityHeaders {

    private final ObjectProvider<SecurityFilterChain> chains;
    private volatile Filter writer;

    public SecurityHeaders(ObjectProvider<SecurityFilterChain> chains) {
        this.chains = chains;
    }

    /** Sets the headers on a response that is not committed yet. */
    public void apply(HttpServletRequest request, HttpServletResponse response) {
        Filter filter = writer();
        if (filter == null || response.isCommitted()) {
            return;
        }
        try {
            filter.doFilter(new PlainRequest(request), response, (req, res) -> {});
        } catch (IOException | ServletException | RuntimeException e) {
            // the answer is still sent; a header writer has nothing to fail on
        }
    }

    private Filter writer() {
        Filter found = writer;
        if (found == null) {
            found = chains.orderedStream()
                    .flatMap(chain -> chain.getFilters().stream())
                    .filter(HeaderWriterFilter.class::isInstance)
                    .findFirst()
                    .orElse(null);
            writer = found;
        }
        return found;
    }

    /**
     * The request as a plain first dispatch: the header writer (a once-per-request filter) would skip an error
     * dispatch, and a request that failed to parse has no dispatcher type of its own.
     */
    private static final class PlainRequest extends HttpServletRequestWrapper {

        PlainRequest(HttpServletRequest request) {
            super(request);
        }

        @Override
        public DispatcherType getDispatcherType() {
            return DispatcherType.REQUEST;
        }

        @Override
        public Object getAttribute(String name) {
            return name.startsWith("jakarta.servlet.error.") ? null : super.getAttribute(name);
        }
    }
}
