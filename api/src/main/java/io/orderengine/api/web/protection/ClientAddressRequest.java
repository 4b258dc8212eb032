package io.orderengine.api.web.protection;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.util.Collections;
import java.util.Enumeration;

/**
 * A request whose {@code getRemoteAddr()} (and {@code getRemoteHost()}) is the client {@link TrustedProxies} found,
 * and whose forwarding headers are gone: they have been read (or, from an untrusted sender, ignored), and no later
 * code can take an address from them.
 */
final class ClientAddressRequest extends HttpServletRequestWrapper {

    private final String client;

    private ClientAddressRequest(HttpServletRequest request, String client) {
        super(request);
        this.client = client;
    }

    static ClientAddressRequest of(HttpServletRequest request, TrustedProxies proxies, ForwardedHeader header) {
        String remote = request.getRemoteAddr();
        String client = proxies.isEmpty()
                ? remote
                : proxies.client(remote, header.hops(request.getHeaders(header.headerName())));
        return new ClientAddressRequest(request, client);
    }

    @Override
    public String getRemoteAddr() {
        return client;
    }

    @Override
    public String getRemoteHost() {
        return client;
    }

    @Override
    public String getHeader(String name) {
        return ForwardedHeader.isForwardingHeader(name) ? null : super.getHeader(name);
    }

    @Override
    public Enumeration<String> getHeaders(String name) {
        return ForwardedHeader.isForwardingHeader(name) ? Collections.emptyEnumeration() : super.getHeaders(name);
    }

    @Override
    public Enumeration<String> getHeaderNames() {
        return Collections.enumeration(Collections.list(super.getHeaderNames()).stream()
                .filter(name -> !ForwardedHeader.isForwardingHeader(name))
                .toList());
    }
}
