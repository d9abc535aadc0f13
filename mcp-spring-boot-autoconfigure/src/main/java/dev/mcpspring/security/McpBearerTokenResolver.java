package dev.mcpspring.security;

import java.util.Enumeration;

import jakarta.servlet.http.HttpServletRequest;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.BearerTokenErrors;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;

/**
 * Reads the bearer token of a request to the MCP endpoint from its {@code Authorization} header, as Spring
 * Security's {@link DefaultBearerTokenResolver} does, and refuses a request that carries a token in more than one
 * place (RFC 6750 section 2: a client must use one method): two {@code Authorization} headers, whose first alone
 * Spring would read, or an {@code access_token} in the query string, where MCP forbids tokens. Either is 400
 * {@code invalid_request}.
 */
final class McpBearerTokenResolver implements BearerTokenResolver {

    private final BearerTokenResolver headerResolver = new DefaultBearerTokenResolver();

    @Override
    public @Nullable String resolve(HttpServletRequest request) {
        Enumeration<String> authorizations = request.getHeaders(HttpHeaders.AUTHORIZATION);
        if (authorizations != null && authorizations.hasMoreElements()) {
            authorizations.nextElement();
            if (authorizations.hasMoreElements()) {
                throw invalidRequest("the request has more than one Authorization header; send one bearer token");
            }
        }
        if (hasQueryParameter(request.getQueryString(), "access_token")) {
            throw invalidRequest("a token in the URI query string is not accepted (MCP forbids it); send it in the "
                    + "Authorization header");
        }
        return headerResolver.resolve(request);
    }

    private static boolean hasQueryParameter(@Nullable String query, String name) {
        if (query == null) {
            return false;
        }
        for (String parameter : query.split("&")) {
            if (parameter.equals(name) || parameter.startsWith(name + "=")) {
                return true;
            }
        }
        return false;
    }

    private static OAuth2AuthenticationException invalidRequest(String description) {
        return new OAuth2AuthenticationException(BearerTokenErrors.invalidRequest(description));
    }
}
