package io.orderengine.api.web.protection;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.MDC;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Correlation, first of all filters: finds the client (the connecting address, or the address a trusted proxy names,
 * see {@link ClientAddressProperties}) and hands on a request whose {@code getRemoteAddr()} is that client; takes the
 * caller's {@code X-Request-Id} (if it is a sane token) or makes one, returns it, and puts it and the client in the
 * logging MDC; {@link CorrelationMetadata} copies the request id into every command and event the request causes.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class RequestIdFilter extends OncePerRequestFilter {

    public static final String HEADER = "X-Request-Id";
    public static final String MDC_KEY = "requestId";
    public static final String CLIENT_MDC_KEY = "client";
    private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    private final TrustedProxies proxies;
    private final ForwardedHeader forwardedHeader;

    /** Without the properties (controller slice tests) nobody is trusted. */
    public RequestIdFilter(ObjectProvider<ClientAddressProperties> properties) {
        ClientAddressProperties settings = properties.getIfAvailable(ClientAddressProperties::none);
        this.proxies = TrustedProxies.of(settings.trustedProxies());
        this.forwardedHeader = settings.forwardedHeader();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        HttpServletRequest client = ClientAddressRequest.of(request, proxies, forwardedHeader);
        String given = request.getHeader(HEADER);
        String requestId = given != null && SANE.matcher(given).matches()
                ? given
                : UUID.randomUUID().toString();
        response.setHeader(HEADER, requestId);
        MDC.put(MDC_KEY, requestId);
        MDC.put(CLIENT_MDC_KEY, client.getRemoteAddr());
        try {
            chain.doFilter(client, response);
        } finally {
            MDC.remove(MDC_KEY);
            MDC.remove(CLIENT_MDC_KEY);
        }
    }
}
