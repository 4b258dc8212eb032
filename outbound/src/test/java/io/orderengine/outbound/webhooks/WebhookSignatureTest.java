package io.orderengine.outbound.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class WebhookSignatureTest {

    private static final String SECRET = "whsec_test_secret_123456";
    private static final String BODY = "{\"id\":\"e1\",\"type\":\"order.confirmed\"}";
    private static final Instant NOW = Instant.parse("2025-03-01T10:00:00Z");

    @Test
    void signsTimestampDotBodyWithHmacSha256InHex() throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String expected = HexFormat.of()
                .formatHex(mac.doFinal((NOW.getEpochSecond() + "." + BODY).getBytes(StandardCharsets.UTF_8)));

        assertThat(WebhookSignature.header(SECRET, NOW, BODY))
                .isEqualTo("t=" + NOW.getEpochSecond() + ",v1=" + expected);
    }

    @Test
    void aReceiverAcceptsTheSignatureOfTheExactBodyWithinTolerance() {
        String header = WebhookSignature.header(SECRET, NOW, BODY);

        assertThat(WebhookSignature.verify(header, SECRET, BODY, NOW.plusSeconds(60), Duration.ofMinutes(5)))
                .isTrue();
    }

    @Test
    void rejectsAnotherBodyAnotherSecretAnOldTimestampOrGarbage() {
        String header = WebhookSignature.header(SECRET, NOW, BODY);
        Duration tolerance = Duration.ofMinutes(5);

        assertThat(WebhookSignature.verify(header, SECRET, BODY + " ", NOW, tolerance))
                .isFalse();
        assertThat(WebhookSignature.verify(header, "another-secret-000000", BODY, NOW, tolerance))
                .isFalse();
        assertThat(WebhookSignature.verify(header, SECRET, BODY, NOW.plusSeconds(301), tolerance))
                .isFalse();
        assertThat(WebhookSignature.verify("v1=abc", SECRET, BODY, NOW, tolerance))
                .isFalse();
        assertThat(WebhookSignature.verify(null, SECRET, BODY, NOW, tolerance)).isFalse();
    }
}
