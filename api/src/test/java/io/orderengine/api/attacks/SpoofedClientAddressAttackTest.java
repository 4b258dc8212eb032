package io.orderengine.api.attacks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orderengine.api.web.protection.ClientAddressProperties;
import io.orderengine.api.web.protection.ForwardedHeader;
import io.orderengine.api.web.protection.RequestIdFilter;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * Who is the client when a request carries {@code X-Forwarded-For} or {@code Forwarded}: an attacker who writes these
 * headers himself must not pick the address his rate limits and log lines count under. The request id filter (the
 * first filter) answers with the request every later filter and handler sees.
 */
class SpoofedClientAddressAttackTest {

    private static final List<String> PROXIES = List.of("10.0.0.0/8", "2001:db8:ffff::/48", "::1");

    @Test
    void withNoTrustedProxiesForwardingHeadersAreIgnoredAndHiddenFromLaterCode() throws Exception {
        Seen seen = through(
                List.of(),
                ForwardedHeader.X_FORWARDED_FOR,
                "203.0.113.5",
                Map.of("X-Forwarded-For", List.of("198.51.100.1"), "Forwarded", List.of("for=198.51.100.2")));
        assertThat(seen.client()).isEqualTo("203.0.113.5");
        assertThat(seen.mdcClient()).isEqualTo("203.0.113.5");
        assertThat(seen.headerNames())
                .noneMatch(name -> name.equalsIgnoreCase("X-Forwarded-For") || name.equalsIgnoreCase("Forwarded"));
        assertThat(seen.forwardedFor()).isNull();
    }

    @Test
    void anUntrustedSendersHeadersAreIgnoredEvenWhenTheyNameATrustedProxy() throws Exception {
        assertThat(clientOf("203.0.113.5", "10.0.0.1")).isEqualTo("203.0.113.5");
        assertThat(clientOf("203.0.113.5", "198.51.100.9, 10.0.0.1")).isEqualTo("203.0.113.5");
        assertThat(through(
                                PROXIES,
                                ForwardedHeader.FORWARDED,
                                "203.0.113.5",
                                Map.of("Forwarded", List.of("for=198.51.100.9")))
                        .client())
                .isEqualTo("203.0.113.5");
    }

    @Test
    void behindATrustedProxyTheRightmostUntrustedHopIsTheClientWhateverTheClientPrependedItself() throws Exception {
        assertThat(clientOf("10.0.0.2", "203.0.113.7")).isEqualTo("203.0.113.7");
        assertThat(clientOf("10.0.0.2", "198.51.100.9, 203.0.113.7")).isEqualTo("203.0.113.7");
        assertThat(clientOf("10.0.0.2", "198.51.100.9, 203.0.113.7, 2001:db8:ffff::1, 10.1.2.3"))
                .isEqualTo("203.0.113.7");
        assertThat(through(
                                PROXIES,
                                ForwardedHeader.X_FORWARDED_FOR,
                                "10.0.0.2",
                                Map.of("X-Forwarded-For", List.of("198.51.100.9", "203.0.113.7")))
                        .client())
                .as("several header lines are one list")
                .isEqualTo("203.0.113.7");
        assertThat(clientOf("10.0.0.2", "10.0.0.9, 10.0.0.8"))
                .as("only trusted hops: the leftmost")
                .isEqualTo("10.0.0.9");
        assertThat(clientOf("10.0.0.2", null)).as("no header: the proxy").isEqualTo("10.0.0.2");
    }

    @Test
    void ipv6ClientsAndProxiesAndPortsAreUnderstood() throws Exception {
        assertThat(clientOf("::1", "2001:db8:1::5")).isEqualTo("2001:db8:1:0:0:0:0:5");
        assertThat(clientOf("0:0:0:0:0:0:0:1", "[2001:db8:1::5]:4711")).isEqualTo("2001:db8:1:0:0:0:0:5");
        assertThat(clientOf("10.0.0.2", "203.0.113.7:4711")).isEqualTo("203.0.113.7");
        assertThat(clientOf("10.0.0.2", "::ffff:203.0.113.7")).isEqualTo("203.0.113.7");
        assertThat(clientOf("2001:db8:ffff:1::2", "203.0.113.7, 2001:db8:ffff::3"))
                .isEqualTo("203.0.113.7");
        assertThat(clientOf("2001:db8:fffe::2", "203.0.113.7"))
                .as("outside the trusted /48")
                .isEqualTo("2001:db8:fffe:0:0:0:0:2");
    }

    @Test
    void hopsThatAreNoAddressStopTheWalkAtTheLastTrustedHopAndAreNeverLookedUp() throws Exception {
        for (String hop : List.of(
                "evil.example.com",
                "localhost",
                "unknown",
                "_hidden",
                "",
                "1.2.3.4.5",
                "999.1.1.1",
                "010.0.0.1",
                "fe80::1%eth0",
                "[2001:db8::1",
                ".:1",
                "1:2",
                "203.0.113.7\r\nX-Evil: 1")) {
            assertThat(clientOf("10.0.0.2", "198.51.100.9, " + hop)).as(hop).isEqualTo("10.0.0.2");
        }
        assertThat(clientOf("10.0.0.2", "203.0.113.7, garbage, 10.0.0.3"))
                .as("the proxy that wrote the garbage")
                .isEqualTo("10.0.0.3");
        List<String> longChain = new ArrayList<>(List.of("203.0.113.7"));
        longChain.addAll(Collections.nCopies(40, "10.9.9.9"));
        assertThat(clientOf("10.0.0.2", String.join(", ", longChain)))
                .as("a chain longer than any real one does not reach its far end")
                .isEqualTo("10.9.9.9");
    }

    @Test
    void rfc7239ForwardedIsReadWhenTheProxiesWriteItAndOnlyThen() throws Exception {
        Map<String, List<String>> both = Map.of(
                "Forwarded",
                List.of("for=198.51.100.9;proto=https, For=\"[2001:db8:cafe::17]:4711\";by=10.0.0.1"),
                "X-Forwarded-For",
                List.of("203.0.113.99"));
        assertThat(through(PROXIES, ForwardedHeader.FORWARDED, "10.0.0.2", both).client())
                .isEqualTo("2001:db8:cafe:0:0:0:0:17");
        assertThat(through(PROXIES, ForwardedHeader.X_FORWARDED_FOR, "10.0.0.2", both)
                        .client())
                .isEqualTo("203.0.113.99");
        assertThat(through(
                                PROXIES,
                                ForwardedHeader.FORWARDED,
                                "10.0.0.2",
                                Map.of("X-Forwarded-For", List.of("203.0.113.99")))
                        .client())
                .as("a proxy writing Forwarded never vouched for X-Forwarded-For")
                .isEqualTo("10.0.0.2");
        for (String element : List.of("for=unknown", "for=_hidden", "proto=https", "for=\"_x,y\"")) {
            assertThat(through(
                                    PROXIES,
                                    ForwardedHeader.FORWARDED,
                                    "10.0.0.2",
                                    Map.of("Forwarded", List.of("for=198.51.100.9, " + element)))
                            .client())
                    .as(element)
                    .isEqualTo("10.0.0.2");
        }
    }

    @Test
    void trustedProxiesMustBeAddressesOrCidrs() {
        for (String bad : List.of("proxy.example.com", "10.0.0.0/33", "::1/129", "10.0.0.1/8/2", "10.0.0.0/x", "*")) {
            assertThatThrownBy(() -> new ClientAddressProperties(List.of(bad), ForwardedHeader.X_FORWARDED_FOR))
                    .as(bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("engine.web.trusted-proxies");
        }
        assertThat(new ClientAddressProperties(
                                List.of("172.28.0.10", " 10.0.0.0/8 ", "fd00::/8", "::1"),
                                ForwardedHeader.X_FORWARDED_FOR)
                        .trustedProxies())
                .hasSize(4);
    }

    private static String clientOf(String remote, String forwardedFor) throws Exception {
        return through(
                        PROXIES,
                        ForwardedHeader.X_FORWARDED_FOR,
                        remote,
                        forwardedFor == null ? Map.of() : Map.of("X-Forwarded-For", List.of(forwardedFor)))
                .client();
    }

    record Seen(String client, String remoteHost, String mdcClient, List<String> headerNames, String forwardedFor) {}

    private static Seen through(
            List<String> trusted, ForwardedHeader header, String remote, Map<String, List<String>> headers)
            throws Exception {
        StaticListableBeanFactory beans =
                new StaticListableBeanFactory(Map.of("properties", new ClientAddressProperties(trusted, header)));
        RequestIdFilter filter = new RequestIdFilter(beans.getBeanProvider(ClientAddressProperties.class));
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/v1/skus");
        request.setRemoteAddr(remote);
        headers.forEach((name, values) -> values.forEach(value -> request.addHeader(name, value)));
        AtomicReference<Seen> seen = new AtomicReference<>();
        MockFilterChain chain = new MockFilterChain(new HttpServlet() {
            @Override
            protected void service(HttpServletRequest req, HttpServletResponse resp) {
                seen.set(new Seen(
                        req.getRemoteAddr(),
                        req.getRemoteHost(),
                        MDC.get(RequestIdFilter.CLIENT_MDC_KEY),
                        Collections.list(req.getHeaderNames()),
                        req.getHeader("X-Forwarded-For")));
            }
        });
        filter.doFilter(request, new MockHttpServletResponse(), chain);
        assertThat(seen.get().remoteHost()).isEqualTo(seen.get().client());
        assertThat(MDC.get(RequestIdFilter.CLIENT_MDC_KEY)).isNull();
        return seen.get();
    }
}
