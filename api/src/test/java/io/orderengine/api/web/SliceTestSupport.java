package io.orderengine.api.web;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;

import io.orderengine.api.security.SecurityConfiguration;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Import;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/** What every controller slice needs: our security chain and problem mapping, with a caller of the given roles. */
public final class SliceTestSupport {

    private SliceTestSupport() {}

    @Target(ElementType.TYPE)
    @Retention(RetentionPolicy.RUNTIME)
    @Import({SecurityConfiguration.class, io.orderengine.api.engine.EngineConfiguration.class})
    @org.springframework.test.context.TestPropertySource(
            properties = {"engine.rate-limit.enabled=false", "engine.demo.signing-key-file="})
    @EnableConfigurationProperties({
        io.orderengine.api.security.SecurityProperties.class,
        io.orderengine.api.web.protection.RateLimitProperties.class
    })
    public @interface WithEngineWebLayer {}

    public static RequestPostProcessor as(String subject, String... roles) {
        Jwt jwt = Jwt.withTokenValue("test")
                .header("alg", "HS256")
                .subject(subject)
                .claim("roles", java.util.List.of(roles))
                .build();
        var authorities = java.util.Arrays.stream(roles)
                .map(r -> new SimpleGrantedAuthority("ROLE_" + r))
                .toList();
        return authentication(new JwtAuthenticationToken(jwt, authorities, subject));
    }
}
