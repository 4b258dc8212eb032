package io.orderengine.api.security;

import io.orderengine.outbound.mail.GuestLinkFallbackKey;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;

/**
 * The key of the guest links in e-mails when {@code engine.guest-links.secret} is not set: derived from the HS256
 * token secret (the configured one, or the demo key kept in the data folder), so links survive restarts and are the
 * same on every instance without one more secret to manage. With RS256 tokens there is no shared secret to derive
 * from: the {@code prod} profile then requires {@code engine.guest-links.secret}.
 */
@Configuration(proxyBeanMethods = false)
class GuestLinkKeyConfiguration {

    static final String SECRET = "engine.guest-links.secret";
    private static final byte[] LABEL = "order-engine guest links v1".getBytes(StandardCharsets.UTF_8);

    @Bean
    GuestLinkFallbackKey guestLinkFallbackKey(DemoMode demoMode, Environment environment) {
        byte[] tokenKey = demoMode.signingKey();
        if (tokenKey == null) {
            String secret = environment.getProperty(SECRET);
            if (environment.acceptsProfiles(Profiles.of("prod")) && (secret == null || secret.isBlank())) {
                throw new IllegalStateException(
                        SECRET + " is required with the prod profile when tokens are verified with RS256");
            }
            return null;
        }
        byte[] derived = derive(tokenKey);
        return () -> derived.clone();
    }

    static byte[] derive(byte[] tokenKey) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(tokenKey, "HmacSHA256"));
            return mac.doFinal(LABEL);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
