package io.orderengine.api.security;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.context.annotation.Conditional;
import org.springframework.http.HttpStatus;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Demo mode only: issues short-lived tokens for any subject and roles, so the engine can be tried without an
 * identity provider. They carry what every token must ({@code exp}, {@code sub}) and the configured issuer and
 * audience when set. The bean does not exist outside demo mode, so the path answers 404 there.
 */
@RestController
@Conditional(DemoModeCondition.class)
class DevTokenController {

    private final JwtEncoder encoder;
    private final SecurityProperties properties;
    private final Clock clock;

    DevTokenController(JwtEncoder encoder, SecurityProperties properties, Clock clock) {
        this.encoder = encoder;
        this.properties = properties;
        this.clock = clock;
    }

    record TokenRequest(
            @NotBlank @Size(max = 128) @Pattern(regexp = "[A-Za-z0-9._@-]+")
            String subject,

            @NotEmpty @Size(max = 2) List<@NotNull @Pattern(regexp = "CUSTOMER|ADMIN") String> roles) {}

    record TokenResponse(String token, Instant expiresAt) {}

    @PostMapping("/api/v1/dev/tokens")
    @ResponseStatus(HttpStatus.CREATED)
    TokenResponse issue(@Valid @RequestBody TokenRequest request) {
        Instant now = clock.instant();
        Instant expires = now.plus(properties.devTokenTtl());
        JwtClaimsSet.Builder claims = JwtClaimsSet.builder()
                .subject(request.subject())
                .issuedAt(now)
                .expiresAt(expires)
                .claims(c -> c.putAll(Map.of("roles", List.copyOf(request.roles()))));
        if (properties.hasIssuer()) {
            claims.issuer(properties.jwtIssuer());
        }
        if (properties.hasAudience()) {
            claims.audience(List.of(properties.jwtAudience()));
        }
        String token = encoder.encode(JwtEncoderParameters.from(
                        JwsHeader.with(MacAlgorithm.HS256).build(), claims.build()))
                .getTokenValue();
        return new TokenResponse(token, expires);
    }
}
