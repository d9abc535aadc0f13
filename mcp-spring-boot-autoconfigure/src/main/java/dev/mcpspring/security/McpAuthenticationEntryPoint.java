package dev.mcpspring.security;

import java.io.IOException;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.server.resource.BearerTokenError;
import org.springframework.security.web.AuthenticationEntryPoint;

import dev.mcpspring.protocol.ErrorCodes;
import dev.mcpspring.protocol.JsonRpcCodec;
import dev.mcpspring.protocol.JsonRpcError;
import dev.mcpspring.protocol.JsonRpcMessage;
import tools.jackson.databind.node.NullNode;

/**
 * Answers a request to the MCP endpoint that has no valid bearer token: 401 with
 * {@code WWW-Authenticate: Bearer resource_metadata="<metadata URL>", scope="<scopes>"} (MCP 2025-11-25
 * "Protected Resource Metadata Discovery Requirements"), plus {@code error="invalid_token"} and its description when
 * a token was sent but rejected (expired, bad signature, wrong audience, ...). A request without any token gets no
 * {@code error} (RFC 6750 section 3.1). A malformed request ({@code invalid_request}) gets the status its error
 * carries, 400. The body is a JSON-RPC error {@value ErrorCodes#INVALID_REQUEST} saying what was wrong, with the
 * OAuth error code, if any, as its {@code data.error}, as the 403 of {@link McpAccessDeniedHandler} has.
 */
public class McpAuthenticationEntryPoint implements AuthenticationEntryPoint {

    private final ProtectedResource resource;

    private final JsonRpcCodec codec;

    /**
     * @param resource this server as a protected resource
     * @param codec    the JSON-RPC codec, for bodies
     */
    public McpAuthenticationEntryPoint(ProtectedResource resource, JsonRpcCodec codec) {
        this.resource = resource;
        this.codec = codec;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response,
            AuthenticationException authException) throws IOException {
        int status = HttpServletResponse.SC_UNAUTHORIZED;
        BearerChallenge challenge = new BearerChallenge();
        JsonRpcError error;
        if (authException instanceof OAuth2AuthenticationException oauth) {
            OAuth2Error oauthError = oauth.getError();
            challenge.parameter("error", oauthError.getErrorCode())
                .parameter("error_description", oauthError.getDescription());
            if (oauthError instanceof BearerTokenError bearer) {
                status = bearer.getHttpStatus().value();
            }
            String description = oauthError.getDescription() != null ? oauthError.getDescription()
                    : "the access token was refused (" + oauthError.getErrorCode() + ")";
            error = new JsonRpcError(ErrorCodes.INVALID_REQUEST,
                    (status == HttpServletResponse.SC_BAD_REQUEST ? "Bad Request: " : "Unauthorized: ") + description,
                    Map.of("error", oauthError.getErrorCode()));
        }
        else {
            error = new JsonRpcError(ErrorCodes.INVALID_REQUEST, "Unauthorized: this MCP server needs an OAuth 2.0 "
                    + "access token in an 'Authorization: Bearer' header; its metadata at " + resource.metadataUrl()
                    + " names the authorization servers that issue them", null);
        }
        challenge.parameter("resource_metadata", resource.metadataUrl()).scope(resource.challengeScopes());
        response.addHeader(BearerChallenge.HEADER, challenge.toString());
        JsonRpcErrorBody.write(response, codec, status,
                new JsonRpcMessage.ErrorResponse(NullNode.getInstance(), error));
    }
}
