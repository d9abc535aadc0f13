package dev.mcpspring.security;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import dev.mcpspring.server.internal.ToolScopes;

/**
 * This MCP server as an OAuth 2.0 protected resource: its canonical URI, the authorization servers that issue its
 * tokens, and its scopes. It gives the content of the Protected Resource Metadata document (RFC 9728), the URL
 * clients find it at, and the audiences a token must name.
 *
 * @param resource             the canonical URI of the server (RFC 8707), for example
 *                             {@code https://mcp.example.com/mcp}: an absolute {@code http} or {@code https} URI
 *                             without query or fragment
 * @param authorizationServers issuer URLs of the authorization servers ({@code authorization_servers})
 * @param scopesSupported      scopes a client should request for basic use ({@code scopes_supported})
 * @param requiredScopes       scopes every request to the endpoint needs
 * @param audiences            token audiences ({@code aud}) accepted; the resource when empty
 * @param resourceName         human-readable name ({@code resource_name}), or {@code null}
 */
public record ProtectedResource(String resource, List<String> authorizationServers, List<String> scopesSupported,
        List<String> requiredScopes, List<String> audiences, @Nullable String resourceName) {

    /** The path RFC 9728 reserves for the metadata, before the resource's own path. */
    public static final String WELL_KNOWN_PATH = "/.well-known/oauth-protected-resource";

    public ProtectedResource {
        resource = canonical(resource);
        authorizationServers = copy(authorizationServers);
        scopesSupported = scopes(scopesSupported, "scopes-supported");
        requiredScopes = scopes(requiredScopes, "required-scopes");
        audiences = copy(audiences);
        if (audiences.isEmpty()) {
            audiences = List.of(resource);
        }
        resourceName = resourceName == null || resourceName.isBlank() ? null : resourceName;
    }

    /** A resource with only its URI and authorization servers. */
    public static ProtectedResource of(String resource, String... authorizationServers) {
        return new ProtectedResource(resource, List.of(authorizationServers), List.of(), List.of(), List.of(), null);
    }

    /**
     * The URL of the metadata document (RFC 9728 section 3.1): {@value #WELL_KNOWN_PATH} inserted between the
     * resource's authority and path, {@code https://mcp.example.com/.well-known/oauth-protected-resource/mcp} for
     * {@code https://mcp.example.com/mcp}. It is the {@code resource_metadata} of every bearer challenge.
     */
    public String metadataUrl() {
        URI uri = URI.create(resource);
        return uri.getScheme() + "://" + uri.getRawAuthority() + metadataPath();
    }

    /** The path of {@link #metadataUrl()}. */
    public String metadataPath() {
        return WELL_KNOWN_PATH + resourcePath();
    }

    /** The path of the resource URI, without a trailing slash; empty for a URI without path. */
    public String resourcePath() {
        String path = URI.create(resource).getRawPath();
        return path == null || path.equals("/") ? "" : path;
    }

    /**
     * The scopes of the 401 challenge ({@code scope}): the required scopes, else the supported ones; empty when
     * neither is known.
     */
    public List<String> challengeScopes() {
        return requiredScopes.isEmpty() ? scopesSupported : requiredScopes;
    }

    /** The metadata document (RFC 9728 section 2), members in a stable order. */
    public Map<String, Object> metadata() {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("resource", resource);
        if (!authorizationServers.isEmpty()) {
            metadata.put("authorization_servers", authorizationServers);
        }
        List<String> supported = scopesSupported.isEmpty() ? requiredScopes : scopesSupported;
        if (!supported.isEmpty()) {
            metadata.put("scopes_supported", supported);
        }
        metadata.put("bearer_methods_supported", List.of("header"));
        if (resourceName != null) {
            metadata.put("resource_name", resourceName);
        }
        return metadata;
    }

    private static String canonical(String resource) {
        if (resource == null || resource.isBlank()) {
            throw new IllegalArgumentException("The resource URI of the MCP server is not set "
                    + "(mcp.server.authorization.resource), for example https://mcp.example.com/mcp");
        }
        URI uri;
        try {
            uri = new URI(resource.strip());
        }
        catch (URISyntaxException ex) {
            throw new IllegalArgumentException("mcp.server.authorization.resource '" + resource + "' is not a URI: "
                    + ex.getMessage(), ex);
        }
        String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
        if ((!"https".equals(scheme) && !"http".equals(scheme)) || uri.getHost() == null) {
            throw new IllegalArgumentException("mcp.server.authorization.resource '" + resource + "' must be an "
                    + "absolute https (or, for local use, http) URI with a host, such as https://mcp.example.com/mcp");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new IllegalArgumentException("mcp.server.authorization.resource '" + resource + "' must have no "
                    + "query and no fragment (RFC 8707 section 2)");
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        String authority = uri.getRawAuthority();
        int at = authority.lastIndexOf('@');
        if (at >= 0) {
            throw new IllegalArgumentException("mcp.server.authorization.resource '" + resource + "' must not "
                    + "contain user information");
        }
        return scheme + "://" + authority.toLowerCase(Locale.ROOT) + path;
    }

    private static List<String> scopes(@Nullable Collection<String> scopes, String property) {
        List<String> copy = copy(scopes);
        for (String scope : copy) {
            if (!ToolScopes.isValid(scope)) {
                throw new IllegalArgumentException("mcp.server.authorization." + property + " contains the invalid "
                        + "scope '" + scope + "': " + ToolScopes.RULE);
            }
        }
        return copy;
    }

    private static List<String> copy(@Nullable Collection<String> values) {
        if (values == null) {
            return List.of();
        }
        Set<String> copy = new LinkedHashSet<>();
        for (String value : values) {
            if (value != null && !value.isBlank()) {
                copy.add(value.strip());
            }
        }
        return List.copyOf(copy);
    }
}
