package io.orderengine.api.web.protection;

import io.github.bucket4j.Bandwidth;
import io.orderengine.infrastructure.ratelimit.RateLimitBuckets;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.time.Duration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Token-bucket rate limits (bucket4j): every client (JWT subject, or client address when anonymous, see
 * {@link ClientBuckets#clientKey}) gets {@code requests-per-minute}, refilled greedily, on every {@code /api/**}
 * request but webhooks and the sandbox gateway, valid or not: the limit bounds the work one client causes, and
 * invalid requests cost work too. The paths are matched as Spring routes them (decoded, without matrix parameters),
 * so a spelling that reaches a handler is counted. Checkouts have their own quota, taken only by a checkout that
 * passed validation ({@link CheckoutQuota}). Exhausted → 429 with Retry-After. Buckets live in the store
 * ({@link RateLimitBuckets}), so every engine instance on one store draws from the same buckets: a client cannot
 * multiply its limit by spreading requests over instances. Buckets idle for an hour are dropped.
 */
@Component
class RateLimits implements HandlerInterceptor, WebMvcConfigurer {

    private final RateLimitProperties properties;
    private final RateLimitBuckets buckets;
    private final Clock clock;

    /** With rate limits off nothing touches the store (and none is needed, e.g. in controller slice tests). */
    RateLimits(RateLimitProperties properties, ObjectProvider<RateLimitBuckets> buckets, Clock clock) {
        this.properties = properties;
        this.clock = clock;
        this.buckets = properties.enabled() ? buckets.getObject() : null;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        if (properties.enabled()) {
            registry.addInterceptor(this)
                    .addPathPatterns("/api/**")
                    .excludePathPatterns("/api/v1/webhooks/**", "/api/v1/payments/sandbox/**");
        }
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        ClientBuckets.take(
                buckets,
                "all:" + ClientBuckets.clientKey(request),
                () -> Bandwidth.builder()
                        .capacity(properties.requestsPerMinute())
                        .refillGreedy(properties.requestsPerMinute(), Duration.ofMinutes(1))
                        .build(),
                "requests");
        return true;
    }

    @Scheduled(fixedDelayString = "PT10M")
    void dropIdleBuckets() {
        if (buckets != null) {
            buckets.removeIdle(clock.instant().minus(Duration.ofHours(1)));
        }
    }
}
