package dev.mcpspring.security;

import java.io.IOException;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import tools.jackson.databind.ObjectMapper;

/**
 * Serves the Protected Resource Metadata document (RFC 9728) of the MCP server to anyone, with no token: at the
 * path RFC 9728 derives from the resource URI ({@code /.well-known/oauth-protected-resource/mcp} for
 * {@code https://host/mcp}), at the same path under the endpoint's own path when it differs, and at the root
 * {@code /.well-known/oauth-protected-resource}, the fallback MCP clients try. Paths are matched within the
 * servlet context. Browser-based clients may read it from any origin (CORS, without credentials). Any other
 * request passes on.
 */
public class ProtectedResourceMetadataFilter extends HttpFilter {

    private static final long serialVersionUID = 1L;

    private final byte[] document;

    private final Set<String> paths;

    /**
     * @param resource      the resource whose metadata to serve
     * @param endpointPaths paths of the MCP endpoint within the servlet context (for example {@code /mcp}); the
     *                      metadata is served under each of them as well
     * @param mapper        writes the document
     */
    public ProtectedResourceMetadataFilter(ProtectedResource resource, Collection<String> endpointPaths,
            ObjectMapper mapper) {
        this.document = mapper.writeValueAsBytes(resource.metadata());
        Set<String> paths = new LinkedHashSet<>();
        paths.add(ProtectedResource.WELL_KNOWN_PATH);
        paths.add(resource.metadataPath());
        for (String endpoint : endpointPaths) {
            if (endpoint != null && !endpoint.isBlank() && !endpoint.equals("/")) {
                paths.add(ProtectedResource.WELL_KNOWN_PATH + (endpoint.startsWith("/") ? endpoint : "/" + endpoint));
            }
        }
        this.paths = Set.copyOf(paths);
    }

    /** The paths the document is served at, within the servlet context. */
    public Set<String> paths() {
        return paths;
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String method = request.getMethod();
        if (!("GET".equals(method) || "HEAD".equals(method) || "OPTIONS".equals(method))
                || !paths.contains(pathWithinContext(request))) {
            chain.doFilter(request, response);
            return;
        }
        response.setHeader("Access-Control-Allow-Origin", "*");
        if ("OPTIONS".equals(method)) { // CORS preflight (clients send MCP-Protocol-Version with the request)
            response.setHeader("Access-Control-Allow-Methods", "GET, HEAD, OPTIONS");
            String requested = request.getHeader("Access-Control-Request-Headers");
            if (requested != null && !requested.isBlank()) {
                response.setHeader("Access-Control-Allow-Headers", requested);
            }
            response.setHeader("Access-Control-Max-Age", "86400");
            response.setHeader("Allow", "GET, HEAD, OPTIONS");
            response.setStatus(HttpServletResponse.SC_NO_CONTENT);
            return;
        }
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType("application/json");
        response.setHeader("Cache-Control", "max-age=3600");
        response.setContentLength(document.length);
        if ("GET".equals(method)) {
            response.getOutputStream().write(document);
        }
    }

    private static String pathWithinContext(HttpServletRequest request) {
        String uri = request.getRequestURI();
        String context = request.getContextPath();
        String path = context != null && !context.isEmpty() && uri.startsWith(context) ? uri.substring(context.length())
                : uri;
        return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }
}
