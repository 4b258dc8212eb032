package io.orderengine.api.security;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.web.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;

/**
 * The port of the separate management server, when {@code management.server.port} gives it one (learned when that
 * server starts; its events reach this, the parent context). Prometheus is scraped there without a token: that port
 * is meant for the operator's network only ({@code management.server.address}, firewall), while on the public port
 * {@code /actuator/prometheus} needs the ADMIN role.
 */
public class ManagementPort implements ApplicationListener<WebServerInitializedEvent> {

    private static final String NAMESPACE = "management";

    private volatile int port = -1;

    @Override
    public void onApplicationEvent(WebServerInitializedEvent event) {
        if (NAMESPACE.equals(event.getApplicationContext().getServerNamespace())) {
            port = event.getWebServer().getPort();
        }
    }

    /** The separate management server's port, or -1 when actuator shares the application's port. */
    public int port() {
        return port;
    }

    boolean prometheusOnSeparatePort(HttpServletRequest request) {
        return port > 0 && request.getLocalPort() == port && "/actuator/prometheus".equals(request.getRequestURI());
    }
}
