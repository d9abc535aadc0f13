package dev.mcpspring.transport.internal;

import java.io.IOException;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.jspecify.annotations.Nullable;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsProcessor;
import org.springframework.web.cors.CorsUtils;
import org.springframework.web.cors.DefaultCorsProcessor;

/**
 * CORS for browser-based MCP clients (MCP Inspector's direct connection, a web page using an SDK), done by
 * Spring's CORS processor for the origins the {@code Origin} check allows: loopback ones and
 * {@code mcp.server.security.allowed-origins}. A preflight request is answered here: it carries no credentials, so
 * it must be answered before authentication could refuse it. The answer to any other request from such an origin
 * lets the page's script read it, with the headers a client needs ({@code Mcp-Session-Id}, and
 * {@code WWW-Authenticate} to find the authorization server). Any request header may be sent (the 2026-07-28
 * revision's {@code Mcp-Param-*} headers are named by the tools); no credentials (cookies) are allowed.
 */
final class EndpointCors {

    /** The response headers a script may read. */
    static final List<String> EXPOSED_HEADERS = List.of("Mcp-Session-Id", "WWW-Authenticate", "Retry-After");

    private static final List<String> METHODS = List.of("GET", "POST", "DELETE");

    private final CorsConfiguration configuration;

    private final CorsProcessor processor = new DefaultCorsProcessor();

    EndpointCors(OriginValidator origins, TransportSettings settings) {
        this.configuration = new AllowedOrigins(origins);
        configuration.setAllowedMethods(METHODS);
        configuration.setAllowedHeaders(List.of(CorsConfiguration.ALL));
        configuration.setExposedHeaders(EXPOSED_HEADERS);
        configuration.setMaxAge(settings.corsMaxAge());
        configuration.setAllowCredentials(false);
    }

    /** CORS for the endpoint of {@code settings}, or {@code null} when it is turned off. */
    static @Nullable EndpointCors of(OriginValidator origins, TransportSettings settings) {
        return settings.cors() ? new EndpointCors(origins, settings) : null;
    }

    /**
     * Adds the CORS headers to the response of a request that has an {@code Origin} the check allowed, and answers
     * it when it is a preflight request. A request whose method the endpoint does not serve is left to the servlet
     * (405).
     *
     * @return whether the request has been answered (a preflight request, or one CORS refuses with 403)
     */
    boolean handle(HttpServletRequest request, HttpServletResponse response) throws IOException {
        boolean preflight = CorsUtils.isPreFlightRequest(request);
        if (!preflight && !METHODS.contains(request.getMethod())) {
            return false;
        }
        return !processor.processRequest(configuration, request, response) || preflight;
    }

    /** The origins of the {@code Origin} check, echoed as the allowed origin. */
    private static final class AllowedOrigins extends CorsConfiguration {

        private final OriginValidator origins;

        AllowedOrigins(OriginValidator origins) {
            this.origins = origins;
        }

        @Override
        public @Nullable String checkOrigin(@Nullable String origin) {
            return origin != null && origins.isAllowed(origin) ? origin : null;
        }
    }
}
