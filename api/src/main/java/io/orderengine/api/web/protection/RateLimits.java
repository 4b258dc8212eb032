package io.orderengine.api.web.protection;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.orderengine.infrastructure.ratelimit.RateLimitBuckets;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Token-bucket rate limits (bucket4j): every client (JWT subject, or remote address when anonymous) gets
 * {@code requests-per-minute}, refilled greedily; checkouts additionally {@code checkout-per-15min} per customer or
 * guest address. Exhausted → 429 with Retry-After. Buckets live in the store ({@link RateLimitBuckets}), so
 * every engine instance on one store draws from the same buckets: a client cannot multiply its limit by spreading
 * requests over instances. Buckets idle for an hour are dropped.
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
        String client = clientKey(request);
        consume(
                "all:" + client,
                () -> Bandwidth.builder()
                        .capacity(properties.requestsPerMinute())
                        .refillGreedy(properties.requestsPerMinute(), Duration.ofMinutes(1))
                        .build(),
                "Too many requests; slow down.");
        if ("POST".equals(request.getMethod()) && "/api/v1/checkout".equals(request.getRequestURI())) {
            consume(
                    "checkout:" + client,
                    () -> Bandwidth.builder()
                            .capacity(properties.checkoutPer15min())
                            .refillIntervally(properties.checkoutPer15min(), Duration.ofMinutes(15))
                            .build(),
                    "Too many checkouts; try again later.");
        }
        return true;
    }

    private void consume(String key, Supplier<Bandwidth> limit, String message) {
        ConsumptionProbe probe = buckets.tryConsume(
                key, () -> BucketConfiguration.builder().addLimit(limit.get()).build());
        if (!probe.isConsumed()) {
            throw new RateLimitExceededException(
                    message, TimeUnit.NANOSECONDS.toSeconds(probe.getNanosToWaitForRefill()) + 1);
        }
    }

    private static String clientKey(HttpServletRequest request) {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication instanceof JwtAuthenticationToken jwt) {
            return "sub:" + jwt.getName();
        }
        return "ip:" + request.getRemoteAddr();
    }

    @Scheduled(fixedDelayString = "PT10M")
    void dropIdleBuckets() {
        if (buckets != null) {
            buckets.removeIdle(clock.instant().minus(Duration.ofHours(1)));
        }
    }
}
