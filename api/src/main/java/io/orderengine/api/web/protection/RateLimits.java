package io.orderengine.api.web.protection;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
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
 * guest address. Exhausted → 429 with Retry-After. Buckets live in this JVM and idle ones are dropped after an hour.
 */
@Component
class RateLimits implements HandlerInterceptor, WebMvcConfigurer {

    private final RateLimitProperties properties;
    private final Map<String, Entry> buckets = new ConcurrentHashMap<>();

    RateLimits(RateLimitProperties properties) {
        this.properties = properties;
    }

    private record Entry(Bucket bucket, long[] lastUsed) {
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        if (properties.enabled()) {
            registry.addInterceptor(this).addPathPatterns("/api/**")
                    .excludePathPatterns("/api/v1/webhooks/**", "/api/v1/payments/sandbox/**");
        }
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        String client = clientKey(request);
        consume("all:" + client, () -> Bandwidth.builder().capacity(properties.requestsPerMinute())
                .refillGreedy(properties.requestsPerMinute(), Duration.ofMinutes(1)).build(),
                "Too many requests; slow down.");
        if ("POST".equals(request.getMethod()) && "/api/v1/checkout".equals(request.getRequestURI())) {
            consume("checkout:" + client, () -> Bandwidth.builder().capacity(properties.checkoutPer15min())
                    .refillIntervally(properties.checkoutPer15min(), Duration.ofMinutes(15)).build(),
                    "Too many checkouts; try again later.");
        }
        return true;
    }

    private void consume(String key, Supplier<Bandwidth> limit, String message) {
        Entry entry = buckets.computeIfAbsent(key, k -> new Entry(Bucket.builder().addLimit(limit.get()).build(),
                new long[1]));
        entry.lastUsed()[0] = System.nanoTime();
        ConsumptionProbe probe = entry.bucket().tryConsumeAndReturnRemaining(1);
        if (!probe.isConsumed()) {
            throw new RateLimitExceededException(message,
                    TimeUnit.NANOSECONDS.toSeconds(probe.getNanosToWaitForRefill()) + 1);
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
        long idleSince = System.nanoTime() - TimeUnit.HOURS.toNanos(1);
        buckets.entrySet().removeIf(e -> e.getValue().lastUsed()[0] < idleSince);
    }
}
