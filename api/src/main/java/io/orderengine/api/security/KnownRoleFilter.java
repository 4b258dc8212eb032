package io.orderengine.api.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A valid token that grants no role this engine knows (CUSTOMER, ADMIN) is refused with 403 on every path, public
 * ones included: it proves someone signed it, not that they meant it for this engine.
 */
class KnownRoleFilter extends OncePerRequestFilter {

    private final ProblemAuthenticationEntryPoint problems;

    KnownRoleFilter(ProblemAuthenticationEntryPoint problems) {
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication instanceof JwtAuthenticationToken token
                && token.getAuthorities().isEmpty()) {
            problems.handle(request, response, new AccessDeniedException("the token grants no known role"));
            return;
        }
        chain.doFilter(request, response);
    }
}
