package io.orderengine.api.web.protection;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import io.orderengine.infrastructure.ratelimit.RateLimitBuckets;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Quotas of "e-mail me the link" ({@code POST /api/v1/orders/access-links}): {@value #PER_CLIENT} requests per client
 * (JWT subject or client address) in any 15 minutes, beyond which the client gets a 429 whatever the address; and
 * {@value #PER_ADDRESS} e-mails per address in any hour, beyond which requests are still answered 202 but send nothing
 * (so nobody can flood a mailbox, and the answer never depends on the address). Addresses are counted by their hash.
 */
@Component
public class AccessLinkQuota {

    static final int PER_CLIENT = 5;
    static final int PER_ADDRESS = 3;

    private final RateLimitProperties properties;
    private final ObjectProvider<RateLimitBuckets> buckets;

    AccessLinkQuota(RateLimitProperties properties, ObjectProvider<RateLimitBuckets> buckets) {
        this.properties = properties;
        this.buckets = buckets;
    }

    /** Takes one request from the caller's quota; {@link RateLimitExceededException} (429) when it is used up. */
    public void takeForClient(HttpServletRequest request) {
        if (!properties.enabled()) {
            return;
        }
        ClientBuckets.take(
                buckets.getObject(),
                "access-links:" + ClientBuckets.clientKey(request),
                () -> Bandwidth.builder()
                        .capacity(PER_CLIENT)
                        .refillIntervally(PER_CLIENT, Duration.ofMinutes(15))
                        .build(),
                "link requests");
    }

    /** Whether {@code email} may be sent another e-mail now (takes one from its quota when it may). */
    public boolean tryTakeForAddress(String email) {
        if (!properties.enabled()) {
            return true;
        }
        return buckets.getObject()
                .tryConsume(
                        "access-links-to:" + sha256(email.trim().toLowerCase(Locale.ROOT)),
                        () -> BucketConfiguration.builder()
                                .addLimit(Bandwidth.builder()
                                        .capacity(PER_ADDRESS)
                                        .refillIntervally(PER_ADDRESS, Duration.ofHours(1))
                                        .build())
                                .build())
                .isConsumed();
    }

    private static String sha256(String value) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
