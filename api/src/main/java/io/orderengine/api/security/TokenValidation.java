package io.orderengine.api.security;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtAudienceValidator;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtValidators;

/**
 * What a bearer token's claims must say, whatever signed it: an expiry ({@code exp}) and a subject ({@code sub});
 * {@code exp} and {@code nbf} within {@code engine.security.jwt-clock-skew} of the engine's clock; the configured
 * issuer ({@code iss}) and audience ({@code aud}) when set. A token that fails is a 401 like a forged one.
 */
final class TokenValidation {

    static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(5);

    private TokenValidation() {}

    static OAuth2TokenValidator<Jwt> validator(SecurityProperties properties, Clock clock) {
        Duration skew = properties.jwtClockSkew();
        JwtTimestampValidator timestamps = new JwtTimestampValidator(skew);
        timestamps.setClock(clock);
        List<OAuth2TokenValidator<Jwt>> validators = new ArrayList<>();
        validators.add(timestamps);
        validators.add(new JwtClaimValidator<Object>(JwtClaimNames.EXP, exp -> exp != null));
        validators.add(new JwtClaimValidator<String>(JwtClaimNames.SUB, sub -> sub != null && !sub.isBlank()));
        if (properties.hasIssuer()) {
            validators.add(new JwtIssuerValidator(properties.jwtIssuer()));
        }
        if (properties.hasAudience()) {
            validators.add(new JwtAudienceValidator(properties.jwtAudience()));
        }
        return JwtValidators.createDefaultWithValidators(validators);
    }

    /** Refuses to start on a clock skew out of range, or under {@code prod} without an issuer and an audience. */
    static void check(Environment environment, SecurityProperties properties) {
        Duration skew = properties.jwtClockSkew();
        if (skew.isNegative() || skew.compareTo(MAX_CLOCK_SKEW) > 0) {
            throw new IllegalStateException(
                    "engine.security.jwt-clock-skew must be between 0s and 5m; got " + skew.toSeconds() + "s");
        }
        if (environment.acceptsProfiles(Profiles.of("prod")) && !(properties.hasIssuer() && properties.hasAudience())) {
            throw new IllegalStateException("engine.security.jwt-issuer and engine.security.jwt-audience are required"
                    + " with the prod profile (the iss and aud every token must carry)");
        }
    }
}
