package dev.mcpspring.security;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.server.resource.BearerTokenError;
import org.springframework.security.web.AuthenticationEntryPoint;

/**
 * Answers a request to the MCP endpoint that has no valid bearer token: 401 with
 * {@code WWW-Authenticate: Bearer resource_metadata="<metadata URL>", scope="<scopes>"} (MCP 2025-11-25
 * "Protected Resource Metadata Discovery Requirements"), plus {@code error="invalid_token"} and its description when
 * a token was sent but rejected (expired, bad signature, wrong audience, ...). A request without any token gets no
 * {@code error} (RFC 6750 section 3.1). A malformed request ({@code invalid_request}) gets the status its error
 * carries, 400.
 */
public class McpAuthenticationEntryPoint implements AuthenticationEntryPoint {

    private final ProtectedResource resource;

    public McpAuthenticationEntryPoint(ProtectedResource resource) {
        this.resource = resource;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response,
            AuthenticationException authException) throws IOException {
        int status = HttpServletResponse.SC_UNAUTHORIZED;
        BearerChallenge challenge = new BearerChallenge();
        if (authException instanceof OAuth2AuthenticationException oauth) {
            OAuth2Error error = oauth.getError();
            challenge.parameter("error", error.getErrorCode())
                .parameter("error_description", error.getDescription());
            if (error instanceof BearerTokenError bearer) {
                status = bearer.getHttpStatus().value();
            }
        }
        challenge.parameter("resource_metadata", resource.metadataUrl()).scope(resource.challengeScopes());
        response.addHeader(BearerChallenge.HEADER, challenge.toString());
        response.setStatus(status);
    }
}
