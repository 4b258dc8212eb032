package io.orderengine.api.security;

import io.orderengine.messages.common.Actor;
import java.util.Optional;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/** Who is calling: a signed-in subject with roles, or an anonymous guest. */
public record Caller(String subject, boolean admin, boolean customer) {

    public static Caller from(Authentication authentication) {
        if (authentication instanceof JwtAuthenticationToken jwt) {
            boolean admin = has(jwt, "ROLE_ADMIN");
            boolean customer = has(jwt, "ROLE_CUSTOMER");
            return new Caller(jwt.getName(), admin, customer);
        }
        return new Caller(null, false, false);
    }

    private static boolean has(Authentication authentication, String role) {
        return authentication.getAuthorities().stream()
                .map(GrantedAuthority::getAuthority)
                .anyMatch(role::equals);
    }

    public boolean signedIn() {
        return subject != null;
    }

    public Optional<String> subjectIfSignedIn() {
        return Optional.ofNullable(subject);
    }

    /** The actor recorded in events for what this caller does ({@code guestOrderId} for guests). */
    public Actor actor(String guestOrderId) {
        if (admin) {
            return Actor.admin(subject);
        }
        if (signedIn()) {
            return Actor.customer(subject);
        }
        return Actor.guest(guestOrderId);
    }
}
