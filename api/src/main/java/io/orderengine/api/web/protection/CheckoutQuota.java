package io.orderengine.api.web.protection;

import io.github.bucket4j.Bandwidth;
import io.orderengine.infrastructure.ratelimit.RateLimitBuckets;
import java.time.Duration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The checkout quota: {@code checkout-per15min} orders per customer, or per guest client address, in any 15 minutes.
 * Taken by the checkout itself once the order passed every check and is about to be placed, so invalid attempts
 * (bad bodies, unknown SKUs, limits) spend nothing and no spelling of the URL that reaches the checkout escapes it.
 */
@Component
public class CheckoutQuota {

    private final RateLimitProperties properties;
    private final ObjectProvider<RateLimitBuckets> buckets;

    CheckoutQuota(RateLimitProperties properties, ObjectProvider<RateLimitBuckets> buckets) {
        this.properties = properties;
        this.buckets = buckets;
    }

    /**
     * Takes one checkout from the current caller's quota.
     *
     * @throws RateLimitExceededException when it is used up (429 with Retry-After)
     * @throws IllegalStateException      outside an HTTP request (there is no caller to count)
     */
    public void take() {
        if (!properties.enabled()) {
            return;
        }
        var request = ((ServletRequestAttributes) RequestContextHolder.currentRequestAttributes()).getRequest();
        ClientBuckets.take(
                buckets.getObject(),
                "checkout:" + ClientBuckets.clientKey(request),
                () -> Bandwidth.builder()
                        .capacity(properties.checkoutPer15min())
                        .refillIntervally(properties.checkoutPer15min(), Duration.ofMinutes(15))
                        .build(),
                "checkouts");
    }
}
