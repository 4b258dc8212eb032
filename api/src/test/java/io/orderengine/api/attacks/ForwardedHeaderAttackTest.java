package io.orderengine.api.attacks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import io.orderengine.api.support.RunningEngine;
import io.orderengine.testkit.EngineClient;
import io.orderengine.testkit.EngineClient.Reply;
import io.orderengine.testkit.TestStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Behind a trusted proxy (here the test itself on 127.0.0.1, writing {@code X-Forwarded-For} as nginx's
 * {@code $proxy_add_x_forwarded_for} does): every guest has its own checkout quota instead of all guests sharing the
 * proxy's, a guest cannot choose its address by sending the header itself, and the logs name the client.
 */
class ForwardedHeaderAttackTest {

    private static final String SKU = "PROXY-MUG";

    @TempDir
    static Path folder;

    static RunningEngine engine;
    static EngineClient client;

    @BeforeAll
    static void start() {
        Map<String, Object> properties = TestStore.fresh(folder);
        properties.put("engine.rate-limit.enabled", "true");
        properties.put("engine.rate-limit.checkout-per15min", "2");
        properties.put("engine.rate-limit.requests-per-minute", "1000");
        properties.put("engine.web.trusted-proxies", "127.0.0.1, ::1");
        engine = RunningEngine.start(properties);
        client = engine.client();
        String admin = client.token("admin-1", "ADMIN");
        assertThat(client.registerSku(admin, SKU, 1000, 1000).status()).isEqualTo(204);
        await().atMost(Duration.ofSeconds(30))
                .until(() ->
                        client.get("/api/v1/skus", null).body().path("total").asInt() >= 1);
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    @Test
    void guestsBehindTheProxyEachHaveTheirOwnCheckoutQuota() {
        assertThat(guestCheckout("203.0.113.10")).isEqualTo(201);
        assertThat(guestCheckout("203.0.113.10")).isEqualTo(201);
        assertThat(guestCheckout("203.0.113.10")).isEqualTo(429);
        assertThat(guestCheckout("203.0.113.11")).as("another guest").isEqualTo(201);
        assertThat(guestCheckout("198.51.100.10, 203.0.113.12, 127.0.0.1"))
                .as("two proxies: the first untrusted hop from the right")
                .isEqualTo(201);
    }

    @Test
    void aGuestCannotPickItsAddressThroughTheProxy() {
        assertThat(guestCheckout("203.0.113.20")).isEqualTo(201);
        assertThat(guestCheckout("203.0.113.20")).isEqualTo(201);
        for (String chain : List.of(
                "198.51.100.77, 203.0.113.20",
                "203.0.113.21, 203.0.113.20",
                "127.0.0.1, 203.0.113.20",
                "unknown, 203.0.113.20",
                "spoofed.example.com, 203.0.113.20")) {
            assertThat(guestCheckout(chain))
                    .as("the guest wrote the left of %s, the proxy appended its address", chain)
                    .isEqualTo(429);
        }
        Map<String, String> forwardedToo = new HashMap<>(key());
        forwardedToo.put("X-Forwarded-For", "203.0.113.20");
        forwardedToo.put("Forwarded", "for=198.51.100.78");
        assertThat(client.post("/api/v1/checkout", body(), null, forwardedToo).status())
                .as("the proxy writes X-Forwarded-For; a Forwarded header is the guest's own")
                .isEqualTo(429);
    }

    @Test
    void ipv6GuestsCountByTheirSlash64() {
        assertThat(guestCheckout("2001:db8:1::1")).isEqualTo(201);
        assertThat(guestCheckout("[2001:db8:1::2]:4711")).isEqualTo(201);
        assertThat(guestCheckout("2001:db8:1:0:ffff::3"))
                .as("a third address of the same /64")
                .isEqualTo(429);
        assertThat(guestCheckout("2001:db8:2::1")).as("another /64").isEqualTo(201);
    }

    @Test
    void logLinesOfARequestNameTheClientTheProxyNamed() {
        Logger logger = (Logger) LoggerFactory.getLogger("io.orderengine.api.web.protection.ClientBuckets");
        List<Map<String, String>> seen = new CopyOnWriteArrayList<>();
        AppenderBase<ILoggingEvent> appender = new AppenderBase<>() {
            @Override
            protected void append(ILoggingEvent event) {
                seen.add(Map.copyOf(event.getMDCPropertyMap()));
            }
        };
        appender.start();
        Level level = logger.getLevel();
        logger.setLevel(Level.DEBUG);
        logger.addAppender(appender);
        try {
            assertThat(guestCheckout("203.0.113.30")).isEqualTo(201);
            assertThat(guestCheckout("203.0.113.30")).isEqualTo(201);
            Map<String, String> headers = new HashMap<>(key());
            headers.put("X-Forwarded-For", "198.51.100.1, 203.0.113.30");
            headers.put("X-Request-Id", "limited-30");
            Reply limited = client.post("/api/v1/checkout", body(), null, headers);
            assertThat(limited.status()).isEqualTo(429);
            assertThat(seen).contains(Map.of("requestId", "limited-30", "client", "203.0.113.30"));
        } finally {
            logger.detachAppender(appender);
            logger.setLevel(level);
        }
    }

    @Test
    void withoutAForwardingHeaderTheProxyItselfIsTheClient() {
        Map<String, String> headers = new HashMap<>(key());
        headers.put("X-Forwarded-For", "127.0.0.1");
        Reply asProxy = client.post("/api/v1/checkout", body(), null, headers);
        assertThat(asProxy.status()).isEqualTo(201);
        assertThat(client.checkout(body(), null).status()).isEqualTo(201);
        assertThat(client.checkout(body(), null).status())
                .as("the proxy's own address and a chain of only trusted hops are one client")
                .isEqualTo(429);
    }

    private static int guestCheckout(String forwardedFor) {
        Map<String, String> headers = new HashMap<>(key());
        headers.put("X-Forwarded-For", forwardedFor);
        return client.post("/api/v1/checkout", body(), null, headers).status();
    }

    private static Map<String, Object> body() {
        return EngineClient.checkoutBody(SKU, 1, "guest@example.com");
    }

    private static Map<String, String> key() {
        return Map.of("Idempotency-Key", UUID.randomUUID().toString());
    }
}
