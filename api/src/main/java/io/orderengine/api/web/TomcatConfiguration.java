package io.orderengine.api.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.orderengine.api.security.DemoMode;
import io.orderengine.api.web.protection.BodySizeLimitFilter;
import io.orderengine.api.web.protection.SecurityHeaders;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Arrays;
import org.apache.catalina.Pipeline;
import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.http11.AbstractHttp11Protocol;
import org.apache.tomcat.util.buf.EncodedSolidusHandling;
import org.apache.tomcat.util.descriptor.web.FilterMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.web.ServerProperties;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.ServletContextInitializer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.security.web.SecurityFilterChain;

/**
 * How the embedded Tomcat meets clients (docs/deployment.md):
 *
 * <ul>
 *   <li>Encoded slashes ({@code %2F}) pass through to Spring Security's firewall, which refuses them with a problem
 *       (Tomcat would answer its own HTML page).
 *   <li>Slow clients: request headers are read without a worker thread (NIO) and a connection that sends nothing for
 *       {@code server.tomcat.connection-timeout} (default here 5 s; Tomcat's own is 60 s) is closed; an idle kept-alive
 *       connection after {@code server.tomcat.keep-alive-timeout} (default here 60 s). Bodies are read without a
 *       worker thread too, under a whole-body deadline ({@link BodySizeLimitFilter}).
 *   <li>Tomcat's own error pages answer problem+json with the API's security headers ({@link ProblemErrorReportValve}).
 *   <li>Demo mode listens on the loopback address only, unless {@code server.address} is set.
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
public class TomcatConfiguration {

    private static final Logger log = LoggerFactory.getLogger(TomcatConfiguration.class);
    private static final String BODY_READER = "bodySizeLimitFilter";
    static final Duration CONNECTION_TIMEOUT = Duration.ofSeconds(5);
    static final Duration KEEP_ALIVE_TIMEOUT = Duration.ofSeconds(60);

    @Bean
    public WebServerFactoryCustomizer<TomcatServletWebServerFactory> encodedSlashesReachTheFirewall() {
        return factory -> factory.addConnectorCustomizers(
                connector -> connector.setEncodedSolidusHandling(EncodedSolidusHandling.PASS_THROUGH.getValue()));
    }

    /** Short timeouts for clients that connect and then stall, unless {@code server.tomcat.*} sets them. */
    @Bean
    public WebServerFactoryCustomizer<TomcatServletWebServerFactory> slowClientTimeouts(ServerProperties server) {
        return factory -> factory.addConnectorCustomizers(connector -> {
            if (connector.getProtocolHandler() instanceof AbstractHttp11Protocol<?> http) {
                if (server.getTomcat().getConnectionTimeout() == null) {
                    http.setConnectionTimeout((int) CONNECTION_TIMEOUT.toMillis());
                }
                if (server.getTomcat().getKeepAliveTimeout() == null) {
                    http.setKeepAliveTimeout((int) KEEP_ALIVE_TIMEOUT.toMillis());
                }
            }
        });
    }

    /** Tells {@link BodySizeLimitFilter} that this container reads request bodies without blocking a thread. */
    @Bean
    public ServletContextInitializer nonBlockingBodyReads() {
        return context -> context.setAttribute(BodySizeLimitFilter.NON_BLOCKING_READS, Boolean.TRUE);
    }

    /**
     * Puts {@link BodySizeLimitFilter} first in Tomcat's filter chain, after Spring Boot registered every filter: other
     * filters have the same highest precedence, and any filter before it would run on both dispatches of a request
     * with a body.
     */
    @Bean
    public WebServerFactoryCustomizer<TomcatServletWebServerFactory> bodyReaderFirst() {
        return factory -> factory.addContextCustomizers(context -> context.addServletContainerInitializer(
                (classes, servletContext) -> {
                    FilterMap[] maps = context.findFilterMaps();
                    FilterMap reader = Arrays.stream(maps)
                            .filter(map -> BODY_READER.equals(map.getFilterName()))
                            .findFirst()
                            .orElse(null);
                    if (reader == null || maps[0] == reader) {
                        return;
                    }
                    Arrays.stream(maps).forEach(context::removeFilterMap);
                    context.addFilterMapBefore(reader);
                    Arrays.stream(maps).filter(map -> map != reader).forEach(context::addFilterMapBefore);
                },
                null));
    }

    /**
     * Replaces the host's error report valve (Spring Boot adds a plain one) with {@link ProblemErrorReportValve}; runs
     * after Boot's own customizer.
     */
    @Bean
    @Order(Ordered.LOWEST_PRECEDENCE)
    public WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemErrorReports(
            ObjectMapper mapper, ObjectProvider<SecurityFilterChain> securityChains) {
        SecurityHeaders headers = new SecurityHeaders(securityChains);
        return factory -> factory.addContextCustomizers(context -> {
            if (context.getParent() instanceof StandardHost host) {
                Pipeline pipeline = host.getPipeline();
                for (Valve valve : pipeline.getValves()) {
                    if (valve instanceof ErrorReportValve) {
                        pipeline.removeValve(valve);
                    }
                }
                pipeline.addValve(new ProblemErrorReportValve(mapper, headers));
                host.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
            }
        });
    }

    /**
     * Demo mode (no JWT secret; a demo signing key, the dev token endpoint, sandbox payments) is for one machine:
     * it listens on the loopback address unless {@code server.address} says otherwise. Said at INFO: it is what demo
     * mode does, and demo mode's one warning ({@code DemoMode}) already says not to run it in production.
     */
    @Bean
    public WebServerFactoryCustomizer<TomcatServletWebServerFactory> demoModeListensOnLoopback(
            Environment environment, ServerProperties server) {
        return factory -> {
            if (DemoMode.applies(environment) && server.getAddress() == null) {
                InetAddress loopback = InetAddress.getLoopbackAddress();
                factory.setAddress(loopback);
                log.info(
                        "Demo mode listens on {} only; set server.address (e.g. 0.0.0.0) to listen elsewhere",
                        loopback.getHostAddress());
            }
        };
    }
}
