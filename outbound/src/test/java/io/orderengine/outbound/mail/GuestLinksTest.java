package io.orderengine.outbound.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orderengine.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class GuestLinksTest {

    private static final String ORDER = "7d1e2f30-0000-4000-8000-000000000042";
    private static final String OTHER_ORDER = "7d1e2f30-0000-4000-8000-000000000043";
    private static final String KEY = "a-server-key-of-at-least-32-characters";

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T10:00:00Z"));
    private final GuestLinks links = new GuestLinks(new GuestLinkProperties(KEY, Duration.ofDays(30)), clock);

    @Test
    void aLinkOpensItsOrderUntilItExpires() {
        String token = links.sign(ORDER);

        assertThat(token).startsWith("gl1.");
        assertThat(links.opens(ORDER, token)).isTrue();
        clock.advance(Duration.ofDays(30).minusSeconds(1));
        assertThat(links.opens(ORDER, token)).isTrue();
        clock.advance(Duration.ofSeconds(1));
        assertThat(links.opens(ORDER, token)).isFalse();
    }

    @Test
    void aLinkDoesNotOpenAnotherOrder() {
        assertThat(links.opens(OTHER_ORDER, links.sign(ORDER))).isFalse();
    }

    @Test
    void aLaterExpiryOrAChangedSignatureIsRefused() {
        String token = links.sign(ORDER);
        String[] parts = token.split("\\.");
        long later = Long.parseLong(parts[1]) + 86_400 * 365;
        char last = parts[2].charAt(parts[2].length() - 2);
        String flipped = parts[2].substring(0, parts[2].length() - 2)
                + (last == 'A' ? 'B' : 'A')
                + parts[2].charAt(parts[2].length() - 1);

        assertThat(links.opens(ORDER, "gl1." + later + "." + parts[2])).isFalse();
        assertThat(links.opens(ORDER, "gl1." + parts[1] + "." + flipped)).isFalse();
        assertThat(links.opens(ORDER, "gl1." + parts[1] + ".")).isFalse();
    }

    @Test
    void anotherKeysLinkAndMalformedTokensAreRefused() {
        GuestLinks otherKey = new GuestLinks(new GuestLinkProperties("x".repeat(32), Duration.ofDays(30)), clock);

        assertThat(links.opens(ORDER, otherKey.sign(ORDER))).isFalse();
        assertThat(links.opens(ORDER, null)).isFalse();
        assertThat(links.opens(ORDER, "")).isFalse();
        assertThat(links.opens(ORDER, "gl1.")).isFalse();
        assertThat(links.opens(ORDER, "gl1.notanumber.abc")).isFalse();
        assertThat(links.opens(ORDER, "gl1.99999999999.%%%")).isFalse();
        assertThat(links.opens(ORDER, "gl1." + "9".repeat(200))).isFalse();
        assertThat(links.opens(ORDER, "a-checkout-view-token")).isFalse();
    }

    @Test
    void withoutAConfiguredKeyEachProcessSignsWithItsOwnRandomKey() {
        GuestLinks one = new GuestLinks(new GuestLinkProperties(null, Duration.ofDays(1)), clock);
        GuestLinks two = new GuestLinks(new GuestLinkProperties("", Duration.ofDays(1)), clock);

        assertThat(one.opens(ORDER, one.sign(ORDER))).isTrue();
        assertThat(two.opens(ORDER, one.sign(ORDER))).isFalse();
    }

    @Test
    void aShortKeyIsRefusedAtStartUp() {
        assertThatThrownBy(() -> new GuestLinkProperties("too-short", Duration.ofDays(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("32");
    }
}
