package io.orderengine.outbound.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class WebhookPropertiesTest {

    private final WebhookProperties properties = new WebhookProperties(
            8,
            Duration.ofSeconds(10),
            Duration.ofMinutes(1),
            Duration.ofSeconds(5),
            Duration.ofSeconds(10),
            Duration.ofSeconds(1),
            50,
            16,
            4,
            false);

    @Test
    void backoffDoublesAfterEachFailedTryUpToTheMaximum() {
        assertThat(properties.backoffBefore(2)).isEqualTo(Duration.ofSeconds(10));
        assertThat(properties.backoffBefore(3)).isEqualTo(Duration.ofSeconds(20));
        assertThat(properties.backoffBefore(4)).isEqualTo(Duration.ofSeconds(40));
        assertThat(properties.backoffBefore(5)).isEqualTo(Duration.ofMinutes(1));
        assertThat(properties.backoffBefore(100)).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void aClaimOutlastsTheLongestTry() {
        assertThat(properties.claimDuration()).isGreaterThan(Duration.ofSeconds(15));
    }
}
