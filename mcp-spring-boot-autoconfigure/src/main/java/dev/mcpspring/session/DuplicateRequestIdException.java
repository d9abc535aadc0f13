package dev.mcpspring.session;

import tools.jackson.databind.JsonNode;

/** The client reused the id of a request that is still being handled in the same session. */
public class DuplicateRequestIdException extends RuntimeException {

    public DuplicateRequestIdException(JsonNode requestId) {
        super("Request id " + requestId + " is already in use by a request in progress in this session; "
                + "ids must be unique", null, false, false);
    }
}
