package io.orderengine.api.web.protection;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.orderengine.infrastructure.ratelimit.RateLimitBuckets;
import jakarta.servlet.http.HttpServletRequest;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/** Whose bucket a request draws from, and taking one token from it (or a 429). */
final class ClientBuckets {

    private static final Logger log = LoggerFactory.getLogger(ClientBuckets.class);

    private ClientBuckets() {}

    /**
     * The JWT subject when signed in; otherwise the client address ({@code getRemoteAddr()}, already the client a
     * trusted proxy named, see {@link RequestIdFilter}). An IPv6 client counts by its /64, the block one subscriber
     * usually holds whole: otherwise a guest would get a fresh bucket from each of 2^64 addresses.
     */
    static String clientKey(HttpServletRequest request) {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication instanceof JwtAuthenticationToken jwt) {
            return "sub:" + jwt.getName();
        }
        return addressKey(request.getRemoteAddr());
    }

    static String addressKey(String address) {
        Optional<InetAddress> parsed = TrustedProxies.literal(address);
        if (parsed.isPresent() && parsed.get() instanceof Inet6Address v6) {
            return "ip6:" + HexFormat.of().formatHex(Arrays.copyOf(v6.getAddress(), 8)) + "/64";
        }
        return "ip:" + parsed.map(InetAddress::getHostAddress).orElse(address);
    }

    /** One token from {@code key}'s bucket, created with {@code limit}; else a 429 saying when to retry, in seconds. */
    static void take(RateLimitBuckets buckets, String key, Supplier<Bandwidth> limit, String what) {
        ConsumptionProbe probe = buckets.tryConsume(
                key, () -> BucketConfiguration.builder().addLimit(limit.get()).build());
        if (!probe.isConsumed()) {
            long seconds = Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999L) / 1_000_000_000L);
            log.debug("Rate limit on {} reached for {}; retry in {} s", what, key, seconds);
            throw new RateLimitExceededException(
                    "Too many " + what + "; try again in " + seconds + " seconds.", seconds);
        }
    }
}
