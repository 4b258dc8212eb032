package io.orderengine.api.security;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How bearer tokens are verified: HS256 with {@code jwtSecret}, or RS256 with the keys at {@code jwkSetUri} or the
 * PEM public key at {@code jwtPublicKey} (a resource location such as {@code file:/etc/engine/jwt.pub}). Any of them
 * turns demo mode off.
 *
 * <p>Every token must carry {@code exp} and {@code sub}; when {@code jwtIssuer} / {@code jwtAudience} are set, its
 * {@code iss} must equal the issuer and its {@code aud} must contain the audience (both required with the {@code prod}
 * profile). {@code exp}, {@code nbf} and {@code iat} are checked with {@code jwtClockSkew} of tolerance.
 *
 * @param jwtSecret      HS256 secret, at least 256 bits (32 bytes)
 * @param jwkSetUri      JWKS endpoint of an identity provider (RS256)
 * @param jwtPublicKey   location of an RSA public key in PEM (RS256)
 * @param jwtIssuer      the {@code iss} every token must carry (unset: not checked; required with {@code prod})
 * @param jwtAudience    a value the {@code aud} of every token must contain (unset: not checked; required with
 *                       {@code prod})
 * @param jwtClockSkew   how far the engine's clock may be from the issuer's when expiry and not-before are checked
 * @param devTokenTtl    lifetime of tokens issued by the demo-only token endpoint
 * @param allowedOrigins CORS allow-list (exact origins)
 */
@Validated
@ConfigurationProperties("engine.security")
public record SecurityProperties(
        String jwtSecret,
        String jwkSetUri,
        org.springframework.core.io.Resource jwtPublicKey,
        String jwtIssuer,
        String jwtAudience,
        @DefaultValue("PT30S") Duration jwtClockSkew,
        @DefaultValue("PT1H") Duration devTokenTtl,
        @DefaultValue List<String> allowedOrigins) {

    public boolean hasSecret() {
        return jwtSecret != null && !jwtSecret.isBlank();
    }

    public boolean hasIssuer() {
        return jwtIssuer != null && !jwtIssuer.isBlank();
    }

    public boolean hasAudience() {
        return jwtAudience != null && !jwtAudience.isBlank();
    }

    public boolean hasRsaKeys() {
        return (jwkSetUri != null && !jwkSetUri.isBlank()) || jwtPublicKey != null;
    }
}
