package dev.mcpspring.session.internal;

import tools.jackson.databind.JsonNode;

/**
 * A JSON-RPC id as a map key: {@code 7} and {@code "7"} are different ids, while the number 7 parsed as an
 * int or as a long is the same one.
 *
 * @param string whether the id is a JSON string
 * @param value  the string, or the integer in decimal
 */
public record PendingRequestKey(boolean string, String value) {

    /** The key of a JSON-RPC id (a string or an integer). */
    public static PendingRequestKey of(JsonNode id) {
        if (id.isNumber()) { // most ids are small integers: no BigInteger for them
            return new PendingRequestKey(false, id.isIntegralNumber() && id.canConvertToLong()
                    ? Long.toString(id.longValue()) : id.bigIntegerValue().toString());
        }
        return new PendingRequestKey(true, id.asString());
    }

    /** The key as one string that tells the two kinds apart ({@code s:7} or {@code n:7}), for external stores. */
    public String token() {
        return (string ? "s:" : "n:") + value;
    }
}
