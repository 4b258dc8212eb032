package io.orderengine.api.attacks;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderengine.api.support.RunningEngine;
import io.orderengine.testkit.TestStore;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tomcat's own error pages (issue #17): a request Tomcat cannot parse was answered with Tomcat's HTML page and none
 * of the API's security headers, and {@code GET /error} answered {@code status: 999}. Both are problems now, with the
 * headers the rest of the API sends.
 */
class ErrorPageAttackTest {

    @TempDir
    static Path folder;

    static RunningEngine engine;

    @BeforeAll
    static void start() {
        engine = RunningEngine.start(TestStore.fresh(folder));
    }

    @AfterAll
    static void stop() {
        engine.close();
    }

    @Test
    void aRequestLineWithIllegalCharactersIsAProblemWithTheSecurityHeaders() throws Exception {
        RawHttp.Answer answer =
                RawHttp.exchange(engine.port(), "GET /api/v1/sk{us} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
        assertProblem(answer, 400, "urn:order-engine:problem:request");
    }

    @Test
    void aHeaderWithAControlCharacterIsAProblemWithTheSecurityHeaders() throws Exception {
        RawHttp.Answer answer = RawHttp.exchange(
                engine.port(), "GET /api/v1/skus HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Bad: a\u0001b\r\n\r\n");
        assertProblem(answer, 400, "urn:order-engine:problem:request");
    }

    @Test
    void aMalformedPercentEncodingIsAProblemWithTheSecurityHeaders() throws Exception {
        RawHttp.Answer answer = RawHttp.exchange(
                engine.port(), "GET /api/v1/%zz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
        assertProblem(answer, 400, null);
    }

    @Test
    void theErrorPathAskedForDirectlyIsNotFound() throws Exception {
        for (String method : new String[] {"GET", "POST"}) {
            RawHttp.Answer answer = RawHttp.exchange(
                    engine.port(),
                    method + " /error HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: */*\r\nConnection: close\r\n"
                            + "Content-Length: 0\r\n\r\n");
            assertProblem(answer, 404, "urn:order-engine:problem:not-found");
            assertThat(answer.body()).doesNotContain("999");
        }
    }

    private static void assertProblem(RawHttp.Answer answer, int status, String type) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(status);
        assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
        assertThat(answer.body()).doesNotContain("<html").contains("\"status\":" + status);
        if (type != null) {
            assertThat(answer.body()).contains("\"type\":\"" + type + "\"");
        }
        assertThat(answer.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(answer.header("X-Frame-Options")).isEqualTo("DENY");
        assertThat(answer.header("Content-Security-Policy")).contains("frame-ancestors 'none'");
        assertThat(answer.header("Strict-Transport-Security")).contains("max-age=31536000");
        assertThat(answer.header("Referrer-Policy")).isEqualTo("strict-origin-when-cross-origin");
        assertThat(answer.header("Cache-Control")).contains("no-store");
    }
}
