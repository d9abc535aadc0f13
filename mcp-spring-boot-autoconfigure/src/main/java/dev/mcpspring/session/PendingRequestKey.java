package dev.mcpspring.session;

import tools.jackson.databind.JsonNode;

/**
 * A JSON-RPC id as a map key: {@code 7} and {@code "7"} are different ids, while the number 7 parsed as an
 * int or as a long is the same one.
 */
record PendingRequestKey(boolean string, String value) {

    static PendingRequestKey of(JsonNode id) {
        if (id.isNumber()) {
            return new PendingRequestKey(false, id.bigIntegerValue().toString());
        }
        return new PendingRequestKey(true, id.asString());
    }
}
