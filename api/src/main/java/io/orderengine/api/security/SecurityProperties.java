package io.orderengine.api.security;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * @param jwtSecret      HS256 secret, at least 256 bits (32 bytes); setting it turns demo mode off
 * @param devTokenTtl    lifetime of tokens issued by the demo-only token endpoint
 * @param allowedOrigins CORS allow-list (exact origins)
 */
@Validated
@ConfigurationProperties("engine.security")
public record SecurityProperties(String jwtSecret,
                                 @DefaultValue("PT1H") Duration devTokenTtl,
                                 @DefaultValue List<String> allowedOrigins) {

    public boolean hasSecret() {
        return jwtSecret != null && !jwtSecret.isBlank();
    }
}
