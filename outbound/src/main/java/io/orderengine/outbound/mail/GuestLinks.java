package io.orderengine.outbound.mail;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Signed, expiring guest links: {@code gl1.<expiry, unix seconds>.<base64url HMAC-SHA256(key, "gl1:" + order id +
 * ":" + expiry)>}. Presented where a guest's view token is accepted ({@code ?token=}), it opens that one order until
 * it expires. Nothing is stored: the notification processor mints one from the order id alone (the checkout's token
 * is only known as a hash), a replay or a second instance mints the same or an equally valid one without writing
 * anything, and changing the key revokes every link at once. See docs/notifications.md.
 */
@Component
public class GuestLinks {

    static final String PREFIX = "gl1.";

    private static final Logger log = LoggerFactory.getLogger(GuestLinks.class);

    private final byte[] key;
    private final GuestLinkProperties properties;
    private final Clock clock;

    @Autowired
    public GuestLinks(GuestLinkProperties properties, Clock clock, ObjectProvider<GuestLinkFallbackKey> fallbackKey) {
        this.properties = properties;
        this.clock = clock;
        GuestLinkFallbackKey fallback = fallbackKey.getIfAvailable();
        if (properties.secret() != null && !properties.secret().isBlank()) {
            this.key = properties.secret().getBytes(StandardCharsets.UTF_8);
        } else if (fallback != null) {
            this.key = fallback.key();
        } else {
            log.warn("engine.guest-links.secret is not set: guest links in e-mails are signed with a random key and "
                    + "stop working when this instance restarts (set it in production)");
            this.key = new byte[32];
            new SecureRandom().nextBytes(key);
        }
    }

    public GuestLinks(GuestLinkProperties properties, Clock clock) {
        this(
                properties,
                clock,
                new org.springframework.beans.factory.support.StaticListableBeanFactory()
                        .getBeanProvider(GuestLinkFallbackKey.class));
    }

    /** A link token for {@code orderId} that expires {@code engine.guest-links.ttl} from now. */
    public String sign(String orderId) {
        return sign(orderId, expiry());
    }

    /** When a link minted now expires. */
    public Instant expiry() {
        return clock.instant().plus(properties.ttl());
    }

    String sign(String orderId, Instant expiresAt) {
        long expiry = expiresAt.getEpochSecond();
        return PREFIX + expiry + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(mac(orderId, expiry));
    }

    /** Whether {@code token} is a link of this engine for {@code orderId} that has not expired. */
    public boolean opens(String orderId, String token) {
        if (orderId == null || token == null || !token.startsWith(PREFIX) || token.length() > 128) {
            return false;
        }
        int dot = token.indexOf('.', PREFIX.length());
        if (dot < 0) {
            return false;
        }
        long expiry;
        byte[] presented;
        try {
            expiry = Long.parseLong(token.substring(PREFIX.length(), dot));
            presented = Base64.getUrlDecoder().decode(token.substring(dot + 1));
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(mac(orderId, expiry), presented)
                && clock.instant().getEpochSecond() < expiry;
    }

    /** Whether {@code token} has the shape of a guest link (not of a checkout's view token). */
    public static boolean looksLikeLink(String token) {
        return token != null && token.startsWith(PREFIX);
    }

    private byte[] mac(String orderId, long expiry) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(("gl1:" + orderId + ":" + expiry).getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
