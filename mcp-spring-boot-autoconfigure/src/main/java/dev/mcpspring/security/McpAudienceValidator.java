package dev.mcpspring.security;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidationException;

/**
 * Accepts only a JWT issued for this MCP server: its {@code aud} claim must name one of the accepted audiences (MCP
 * 2025-11-25 "Token Audience Binding and Validation", RFC 8707). URIs are compared as RFC 8707 canonical URIs:
 * scheme and host without regard to case, and without a trailing slash; other audience values must match exactly.
 * A token without {@code aud} is refused.
 * <p>
 * The starter's security filter chain applies it to the application's {@code JwtDecoder} for the MCP endpoint.
 * An application with its own chain adds it to its decoder:
 *
 * <pre class="code">
 * decoder.setJwtValidator(new DelegatingOAuth2TokenValidator&lt;&gt;(JwtValidators.createDefault(),
 *         new McpAudienceValidator(List.of("https://mcp.example.com/mcp"))));
 * </pre>
 */
public class McpAudienceValidator implements OAuth2TokenValidator<Jwt> {

    private final Set<String> audiences;

    /** Accepts tokens whose audience includes one of {@code audiences}. */
    public McpAudienceValidator(Collection<String> audiences) {
        if (audiences == null || audiences.isEmpty()) {
            throw new IllegalArgumentException("At least one accepted audience is required");
        }
        this.audiences = audiences.stream()
            .map(McpAudienceValidator::normalize)
            .collect(Collectors.toUnmodifiableSet());
    }

    /** Accepts tokens issued for {@code resource} (or one of its configured audiences). */
    public McpAudienceValidator(ProtectedResource resource) {
        this(resource.audiences());
    }

    @Override
    public OAuth2TokenValidatorResult validate(Jwt token) {
        List<String> audience = token.getAudience();
        if (audience != null) {
            for (String value : audience) {
                if (value != null && audiences.contains(normalize(value))) {
                    return OAuth2TokenValidatorResult.success();
                }
            }
        }
        return OAuth2TokenValidatorResult.failure(new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN,
                "The token was not issued for this MCP server: its audience (aud) does not name this resource",
                "https://datatracker.ietf.org/doc/html/rfc8707#section-2"));
    }

    /**
     * {@code decoder}, refusing every token this validator refuses (as a {@link JwtValidationException}, which
     * Spring Security answers with 401 {@code invalid_token}).
     */
    public JwtDecoder decorate(JwtDecoder decoder) {
        return token -> {
            Jwt jwt = decoder.decode(token);
            OAuth2TokenValidatorResult result = validate(jwt);
            if (result.hasErrors()) {
                throw new JwtValidationException(result.getErrors().iterator().next().getDescription(),
                        result.getErrors());
            }
            return jwt;
        };
    }

    /** The RFC 8707 canonical form of a URI; any other value as it is. */
    static String normalize(String audience) {
        String value = audience.strip();
        try {
            URI uri = new URI(value);
            if (uri.getScheme() == null || uri.getRawAuthority() == null || uri.getRawFragment() != null) {
                return value;
            }
            String path = uri.getRawPath() == null ? "" : uri.getRawPath();
            while (path.endsWith("/")) {
                path = path.substring(0, path.length() - 1);
            }
            return uri.getScheme().toLowerCase(Locale.ROOT) + "://" + uri.getRawAuthority().toLowerCase(Locale.ROOT)
                    + path + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        }
        catch (URISyntaxException ex) {
            return value;
        }
    }
}
