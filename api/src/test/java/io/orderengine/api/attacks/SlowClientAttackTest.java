package io.orderengine.api.attacks;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderengine.api.support.RunningEngine;
import io.orderengine.testkit.EngineClient;
import io.orderengine.testkit.TestStore;
import jakarta.servlet.ServletContext;
import java.io.IOException;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.catalina.core.StandardContext;
import org.apache.tomcat.util.descriptor.web.FilterMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Slow clients (issue #17): 210 connections that each sent one byte of body every 5 s held all 200 worker threads,
 * and the catalogue stopped answering. Bodies are now read without a worker thread and under a whole-body deadline
 * (3 s here, 10 s by default); headers were already read without one.
 */
class SlowClientAttackTest {

    @TempDir
    static Path folder;

    static RunningEngine engine;
    static EngineClient client;

    @BeforeAll
    static void start() {
        Map<String, Object> properties = TestStore.fresh(folder);
        properties.put("engine.web.body-read-timeout", "3s");
        engine = RunningEngine.start(properties);
        client = engine.client();
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    @Test
    void twoHundredClientsTricklingBodiesAndMoreTricklingHeadersLeaveTheCatalogueAnswering() throws Exception {
        List<Socket> slow = new ArrayList<>();
        try {
            // as many trickled bodies as Tomcat has worker threads (200), and some headers that never end
            for (int i = 0; i < 240; i++) {
                Socket socket = RawHttp.connect(engine.port());
                slow.add(socket);
                if (i >= 200) {
                    RawHttp.send(socket, "GET /api/v1/skus HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: a");
                } else {
                    String path = i % 2 == 0 ? "/api/v1/webhooks/stripe" : "/api/v1/payments/sandbox/sbx_slow";
                    RawHttp.send(
                            socket,
                            "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                                    + "Content-Length: 1000\r\n\r\n{");
                }
            }
            for (int round = 0; round < 3; round++) {
                for (Socket socket : slow) {
                    trickle(socket);
                }
                long started = System.nanoTime();
                EngineClient.Reply skus = client.get("/api/v1/skus", null);
                Duration took = Duration.ofNanos(System.nanoTime() - started);
                assertThat(skus.status()).isEqualTo(200);
                assertThat(took).isLessThan(Duration.ofSeconds(2));
            }
        } finally {
            for (Socket socket : slow) {
                socket.close();
            }
        }
    }

    @Test
    void aBodyThatTricklesInIsCutOffWith408AndTheConnectionClosed() throws Exception {
        try (Socket socket = RawHttp.connect(engine.port())) {
            RawHttp.send(
                    socket,
                    "POST /api/v1/webhooks/stripe HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                            + "Content-Length: 100\r\n\r\n{");
            long started = System.nanoTime();
            // one byte every half second, each well within the read timeout: only the whole-body deadline stops it
            socket.setSoTimeout(500);
            RawHttp.Answer answer = RawHttp.read(socket);
            for (int i = 0; i < 40 && answer.status() == 0 && trickle(socket); i++) {
                answer = RawHttp.read(socket);
            }
            Duration took = Duration.ofNanos(System.nanoTime() - started);

            assertThat(answer.status()).isEqualTo(408);
            assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
            assertThat(answer.body()).contains("urn:order-engine:problem:request-timeout");
            assertThat(answer.header("Connection")).isEqualTo("close");
            assertThat(answer.header("X-Content-Type-Options")).isEqualTo("nosniff");
            assertThat(answer.header("Content-Security-Policy")).contains("frame-ancestors 'none'");
            assertThat(took).isLessThan(Duration.ofSeconds(15));
        }
    }

    @Test
    void aRequestHeaderThatStallsIsClosedAfterTheConnectionTimeout() throws Exception {
        try (Socket socket = RawHttp.connect(engine.port())) {
            RawHttp.send(socket, "GET /api/v1/skus HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: a");
            long started = System.nanoTime();
            socket.setSoTimeout(15_000);
            RawHttp.Answer answer = RawHttp.read(socket);
            Duration took = Duration.ofNanos(System.nanoTime() - started);

            assertThat(answer.closed()).isTrue();
            assertThat(took).isLessThan(Duration.ofSeconds(15));
        }
    }

    @Test
    void aBodyThatArrivesInPiecesInTimeIsServedAsUsual() throws Exception {
        try (Socket socket = RawHttp.connect(engine.port())) {
            String body = "{\"subject\":\"slow-1\",\"roles\":[\"CUSTOMER\"]}";
            RawHttp.send(
                    socket,
                    "POST /api/v1/dev/tokens HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                            + "X-Request-Id: slow-request-1\r\nConnection: close\r\nContent-Length: " + body.length()
                            + "\r\n\r\n");
            for (char c : body.toCharArray()) {
                RawHttp.send(socket, String.valueOf(c));
            }
            RawHttp.Answer answer = RawHttp.read(socket);
            assertThat(answer.status()).as(answer.body()).isEqualTo(201);
            assertThat(answer.body()).contains("\"token\"");
            assertThat(answer.header("X-Request-Id")).isEqualTo("slow-request-1");
            assertThat(answer.header("X-Content-Type-Options")).isEqualTo("nosniff");
        }
    }

    /** The request continues on a dispatch to its own URI; one the container cannot resolve must not hang. */
    @Test
    void aBodyForAnEncodedPathAboveTheRootIsRefusedNotLeftHanging() throws Exception {
        RawHttp.Answer answer = RawHttp.exchange(
                engine.port(),
                "POST /api/v1/webhooks/..%2F..%2F..%2F..%2Fetc%2Fpasswd HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                        + "Content-Type: application/json\r\nContent-Length: 2\r\n\r\n{}");
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body()).contains("request-rejected");
    }

    @Test
    void aChunkedBodyOverTheLimitIsRefusedWith413WhileReading() throws Exception {
        StringBuilder request = new StringBuilder(
                "POST /api/v1/webhooks/stripe HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                        + "Transfer-Encoding: chunked\r\n\r\n");
        String piece = "x".repeat(8192);
        for (int i = 0; i < 14; i++) {
            request.append(Integer.toHexString(piece.length()))
                    .append("\r\n")
                    .append(piece)
                    .append("\r\n");
        }
        request.append("0\r\n\r\n");
        RawHttp.Answer answer = RawHttp.exchange(engine.port(), request.toString());
        assertThat(answer.status()).isEqualTo(413);
        assertThat(answer.body()).contains("payload-too-large");
        assertThat(answer.header("X-Frame-Options")).isEqualTo("DENY");
    }

    /**
     * The body reader must come first, and every filter after it must also run on the ASYNC dispatch that carries the
     * request on once the body is in; a filter registered for REQUEST only would be skipped for every request with a
     * body. Two exceptions, both harmless for a request with a body: Tomcat's WebSocket filter acts only on upgrade
     * requests (a GET), and Spring's resource URL filter only rewrites {@code encodeURL} for server-rendered pages,
     * which this JSON API has none of.
     */
    @Test
    void theBodyReaderIsTheFirstFilterAndEveryLaterOneSeesTheAsyncDispatch() throws Exception {
        FilterMap[] maps = tomcatContext().findFilterMaps();
        assertThat(maps[0].getFilterName()).isEqualTo("bodySizeLimitFilter");
        for (FilterMap map : maps) {
            if (!List.of("Tomcat WebSocket (JSR356) Filter", "resourceUrlEncodingFilter")
                    .contains(map.getFilterName())) {
                assertThat(map.getDispatcherMapping() & FilterMap.ASYNC)
                        .as(map.getFilterName() + " runs on the ASYNC dispatch")
                        .isNotZero();
            }
        }
    }

    private static StandardContext tomcatContext() throws ReflectiveOperationException {
        Object facade = engine.bean(ServletContext.class);
        Object application = field(facade, "context");
        return (StandardContext) field(application, "context");
    }

    private static Object field(Object owner, String name) throws ReflectiveOperationException {
        java.lang.reflect.Field field = owner.getClass().getDeclaredField(name);
        field.setAccessible(true);
        return field.get(owner);
    }

    /** Sends one more byte of whatever the connection was sending; false when the server closed it. */
    private static boolean trickle(Socket socket) {
        try {
            RawHttp.send(socket, " ");
            return true;
        } catch (IOException closed) {
            return false;
        }
    }
}
