package dev.mcpspring.transport.internal;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.web.filter.ServerHttpObservationFilter;

/**
 * Names the MCP endpoint in Spring's observation of the HTTP request ({@code http.server.requests}), which tags a
 * request with the path pattern of the handler that served it: the endpoint is a plain servlet, not a handler
 * method, so without this every request to it, refusals included, would be tagged {@code uri="UNKNOWN"}.
 */
final class EndpointObservation {

    private EndpointObservation() {
    }

    /** Tags the request's HTTP observation, when there is one, with the endpoint's path. */
    static void name(HttpServletRequest request) {
        ServerHttpObservationFilter.findObservationContext(request).ifPresent(context -> {
            if (context.getPathPattern() == null) {
                context.setPathPattern(request.getServletPath());
            }
        });
    }
}
