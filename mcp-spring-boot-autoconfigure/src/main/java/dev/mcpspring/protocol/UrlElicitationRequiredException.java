package dev.mcpspring.protocol;

import java.util.List;
import java.util.Map;

/**
 * Thrown by a tool that cannot go on until the user completes one or more URL-mode elicitations (2025-11-25):
 * the request is answered with JSON-RPC error -32042 listing them, and the client may retry once they are done.
 */
public class UrlElicitationRequiredException extends McpException {

    /**
     * @param message      why the elicitations are needed
     * @param elicitations the URL-mode elicitations to complete
     */
    public UrlElicitationRequiredException(String message, List<ElicitationRequest> elicitations) {
        super(ErrorCodes.URL_ELICITATION_REQUIRED, message, Map.of("elicitations", List.copyOf(elicitations)));
        if (elicitations.stream().anyMatch(request -> !request.isUrlMode())) {
            throw new IllegalArgumentException("Only URL-mode elicitations can be required before a retry");
        }
    }
}
