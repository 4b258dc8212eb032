package io.orderengine.api.security;

import com.nimbusds.jose.jwk.source.ImmutableSecret;
import io.orderengine.api.idempotency.ClientIdempotency;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.stream.Stream;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;

/**
 * Bearer JWTs (HS256) with roles CUSTOMER and ADMIN in the {@code roles} claim. Admin endpoints need ADMIN; order
 * reads and checkout are open to guests (ownership is checked per order); webhooks and the sandbox gateway are
 * exempt from auth but verify their own signatures/references. A token granting neither role is 403 everywhere
 * ({@link KnownRoleFilter}). Actuator: health and info are public; {@code /actuator/prometheus} and the rest need
 * ADMIN, except Prometheus on a separate management port ({@link ManagementPort}). Stateless: no session, no CSRF
 * token.
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration {

    @Bean
    public DemoMode demoMode(Environment environment, SecurityProperties properties) {
        return DemoMode.from(environment, properties);
    }

    private static SecretKey key(DemoMode demoMode) {
        return new SecretKeySpec(demoMode.signingKey(), "HmacSHA256");
    }

    /**
     * HS256 with the shared secret (or the demo key), else RS256 with the JWKS endpoint or the PEM public key.
     * Tokens signed with any other algorithm, or unsigned ({@code alg:none}), are refused; so are tokens whose claims
     * {@link TokenValidation} refuses (no {@code exp} or {@code sub}, expired, another issuer or audience).
     */
    @Bean
    public JwtDecoder jwtDecoder(
            DemoMode demoMode, SecurityProperties properties, Environment environment, ObjectProvider<Clock> clock)
            throws java.io.IOException {
        TokenValidation.check(environment, properties);
        NimbusJwtDecoder decoder = signatureDecoder(demoMode, properties);
        decoder.setJwtValidator(TokenValidation.validator(properties, clock.getIfAvailable(Clock::systemUTC)));
        return decoder;
    }

    private static NimbusJwtDecoder signatureDecoder(DemoMode demoMode, SecurityProperties properties)
            throws java.io.IOException {
        if (demoMode.signingKey() != null) {
            return NimbusJwtDecoder.withSecretKey(key(demoMode))
                    .macAlgorithm(MacAlgorithm.HS256)
                    .build();
        }
        if (properties.jwkSetUri() != null && !properties.jwkSetUri().isBlank()) {
            return NimbusJwtDecoder.withJwkSetUri(properties.jwkSetUri())
                    .jwsAlgorithm(org.springframework.security.oauth2.jose.jws.SignatureAlgorithm.RS256)
                    .build();
        }
        try (java.io.InputStream pem = properties.jwtPublicKey().getInputStream()) {
            java.security.interfaces.RSAPublicKey key = org.springframework.security.converter.RsaKeyConverters.x509()
                    .convert(pem);
            return NimbusJwtDecoder.withPublicKey(key)
                    .signatureAlgorithm(org.springframework.security.oauth2.jose.jws.SignatureAlgorithm.RS256)
                    .build();
        }
    }

    /** Signs the demo token endpoint's tokens; only exists in demo mode. */
    @Bean
    @org.springframework.context.annotation.Conditional(DemoModeCondition.class)
    public JwtEncoder jwtEncoder(DemoMode demoMode) {
        return new NimbusJwtEncoder(new ImmutableSecret<>(key(demoMode)));
    }

    @Bean
    ProblemAuthenticationEntryPoint problemAuthenticationEntryPoint(
            com.fasterxml.jackson.databind.ObjectMapper mapper) {
        return new ProblemAuthenticationEntryPoint(mapper);
    }

    /** URLs the firewall refuses (path traversal, encoded slashes, ...) get a problem too, not a bare 400. */
    @Bean
    public org.springframework.security.web.firewall.RequestRejectedHandler requestRejectedHandler(
            com.fasterxml.jackson.databind.ObjectMapper mapper) {
        return (request, response, e) -> {
            response.setStatus(org.springframework.http.HttpStatus.BAD_REQUEST.value());
            response.setContentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            mapper.writeValue(
                    response.getOutputStream(),
                    io.orderengine.api.web.Problems.of(
                            org.springframework.http.HttpStatus.BAD_REQUEST,
                            "request-rejected",
                            "The request URL is not allowed."));
        };
    }

    @Bean
    ManagementPort managementPort() {
        return new ManagementPort();
    }

    @Bean
    public SecurityFilterChain securityFilterChain(
            HttpSecurity http, ProblemAuthenticationEntryPoint problems, ManagementPort managementPort)
            throws Exception {
        JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
        converter.setJwtGrantedAuthoritiesConverter(SecurityConfiguration::roles);
        http.csrf(csrf -> csrf.disable())
                .cors(cors -> {})
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .headers(h -> h.contentSecurityPolicy(csp -> csp.policyDirectives(
                                "default-src 'self'; img-src 'self' data: https:; script-src 'self' https://js.stripe.com; "
                                        + "connect-src 'self' https://api.stripe.com; "
                                        + "frame-src https://js.stripe.com https://hooks.stripe.com; "
                                        + "frame-ancestors 'none'; object-src 'none'"))
                        .frameOptions(f -> f.deny())
                        .referrerPolicy(r ->
                                r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN))
                        .httpStrictTransportSecurity(hsts -> hsts.includeSubDomains(true)
                                .maxAgeInSeconds(31_536_000)
                                .requestMatcher(request -> true)))
                .authorizeHttpRequests(auth -> auth.requestMatchers("/api/v1/admin/**")
                        .hasRole("ADMIN")
                        .requestMatchers("/actuator/health/**", "/actuator/info")
                        .permitAll()
                        .requestMatchers(managementPort::prometheusOnSeparatePort)
                        .permitAll()
                        .requestMatchers("/actuator/**")
                        .hasRole("ADMIN")
                        .requestMatchers(HttpMethod.GET, "/api/v1/orders")
                        .authenticated()
                        .requestMatchers("/api/v1/me/**")
                        .authenticated()
                        .anyRequest()
                        .permitAll())
                .oauth2ResourceServer(rs ->
                        rs.jwt(jwt -> jwt.jwtAuthenticationConverter(converter)).authenticationEntryPoint(problems))
                .addFilterAfter(new KnownRoleFilter(problems), BearerTokenAuthenticationFilter.class)
                .exceptionHandling(e -> e.authenticationEntryPoint(problems).accessDeniedHandler(problems));
        return http.build();
    }

    private static Collection<GrantedAuthority> roles(org.springframework.security.oauth2.jwt.Jwt jwt) {
        List<String> roles = jwt.getClaimAsStringList("roles");
        Stream<String> names = roles == null ? Stream.empty() : roles.stream();
        return names.filter(r -> r.equals("CUSTOMER") || r.equals("ADMIN"))
                .map(r -> (GrantedAuthority) new SimpleGrantedAuthority("ROLE_" + r))
                .toList();
    }

    @Bean
    public CorsConfigurationSource corsConfigurationSource(SecurityProperties properties) {
        CorsConfiguration cors = new CorsConfiguration();
        cors.setAllowedOrigins(properties.allowedOrigins());
        cors.setAllowedMethods(List.of("GET", "POST", "PATCH", "DELETE", "OPTIONS"));
        cors.setAllowedHeaders(List.of(
                "Authorization",
                "Content-Type",
                "Idempotency-Key",
                ClientIdempotency.CLIENT_SECRET_HEADER,
                "X-Request-Id"));
        cors.setExposedHeaders(List.of(
                "X-Request-Id",
                "Location",
                "Retry-After",
                "Idempotent-Replayed",
                ClientIdempotency.CLIENT_SECRET_HEADER));
        cors.setMaxAge(3600L);
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration("/api/**", cors);
        return source;
    }
}
