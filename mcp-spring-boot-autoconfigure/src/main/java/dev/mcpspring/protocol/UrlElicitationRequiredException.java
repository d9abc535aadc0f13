package dev.mcpspring.protocol;

import java.util.List;
import java.util.Map;

/**
 * Thrown by a tool that cannot go on until the user completes one or more URL-mode elicitations: a 2025-11-25
 * session's request is answered with JSON-RPC error -32042 listing them, and the client may retry once they are
 * done. A 2026-07-28 request, whose revision removed that error, is answered with an {@code InputRequiredResult}
 * asking them (without their {@code elicitationId}s), and its retry runs the tool again; a client that did not
 * declare {@code elicitation.url} gets {@code MissingRequiredClientCapability} (-32021).
 */
public class UrlElicitationRequiredException extends McpException {

    private final List<ElicitationRequest> elicitations;

    /**
     * @param message      why the elicitations are needed
     * @param elicitations the URL-mode elicitations to complete
     */
    public UrlElicitationRequiredException(String message, List<ElicitationRequest> elicitations) {
        super(ErrorCodes.URL_ELICITATION_REQUIRED, message, Map.of("elicitations", List.copyOf(elicitations)));
        if (elicitations.stream().anyMatch(request -> !request.isUrlMode())) {
            throw new IllegalArgumentException("Only URL-mode elicitations can be required before a retry");
        }
        this.elicitations = List.copyOf(elicitations);
    }

    /** The URL-mode elicitations to complete. */
    public List<ElicitationRequest> elicitations() {
        return elicitations;
    }
}
