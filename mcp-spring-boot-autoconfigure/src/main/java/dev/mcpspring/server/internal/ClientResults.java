package dev.mcpspring.server.internal;

import java.util.Map;

import org.jspecify.annotations.Nullable;

import dev.mcpspring.protocol.ElicitationResult;
import dev.mcpspring.protocol.JsonRpcCodec;
import dev.mcpspring.protocol.McpMethods;
import dev.mcpspring.protocol.Role;
import dev.mcpspring.protocol.internal.JsonBindingMessages;
import dev.mcpspring.server.McpPeerException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Checks and binds the results a client sends for the server's requests, in every era and transport: a result of
 * {@code sampling/createMessage}, {@code elicitation/create} or {@code roots/list} must have the members the
 * schema requires of it, so that a handler never gets a result without them (a {@code null} model, a root
 * without a URI); what is wrong is said in words, without Java names.
 */
final class ClientResults {

    private ClientResults() {
    }

    /**
     * {@code result} bound to {@code type}.
     *
     * @throws McpPeerException when it is not a valid result of {@code method}, saying why
     */
    static <T> T bind(JsonRpcCodec codec, String method, @Nullable JsonNode result, Class<T> type) {
        String defect = defect(method, result);
        if (defect == null) {
            try {
                return codec.mapper().treeToValue(result, type);
            }
            catch (JacksonException ex) {
                defect = JsonBindingMessages.describe("result", ex, codec.mapper(), result);
            }
        }
        throw new McpPeerException("The client's answer to " + method + " is not a valid result: " + defect);
    }

    /** What is wrong with {@code result} as a result of {@code method}, or {@code null} when nothing is seen. */
    static @Nullable String defect(String method, @Nullable JsonNode result) {
        if (result == null || !result.isObject()) {
            return "it is not a JSON object";
        }
        return switch (method) {
            case McpMethods.SAMPLING_CREATE_MESSAGE -> samplingDefect(result);
            case McpMethods.ELICITATION_CREATE -> elicitationDefect(result);
            case McpMethods.ROOTS_LIST -> rootsDefect(result);
            default -> null;
        };
    }

    private static @Nullable String samplingDefect(JsonNode result) {
        JsonNode content = result.get("content");
        if (content == null || !(content.isObject() || content.isArray())) {
            return "\"content\" must be a content block or an array of them";
        }
        if (!isNameOf(result.get("role"), Role.values())) {
            return "\"role\" must be \"assistant\" or \"user\"";
        }
        if (!result.path("model").isString()) {
            return "\"model\" must be a string, the name of the model that answered";
        }
        return null;
    }

    private static @Nullable String elicitationDefect(JsonNode result) {
        if (!isNameOf(result.get("action"), ElicitationResult.Action.values())) {
            return "\"action\" must be \"accept\", \"decline\" or \"cancel\"";
        }
        JsonNode content = result.get("content");
        if (content == null || content.isNull()) {
            return null;
        }
        if (!content.isObject()) {
            return "\"content\" must be an object of the form's answers";
        }
        for (Map.Entry<String, JsonNode> answer : content.properties()) { // the schema's primitive values of a form
            if (!isFormValue(answer.getValue())) {
                return "\"content." + answer.getKey() + "\" must be a string, a number, a boolean or an array of "
                        + "strings";
            }
        }
        return null;
    }

    private static boolean isFormValue(JsonNode value) {
        if (value.isString() || value.isNumber() || value.isBoolean()) {
            return true;
        }
        if (!value.isArray()) {
            return false;
        }
        for (JsonNode item : value.values()) {
            if (!item.isString()) {
                return false;
            }
        }
        return true;
    }

    private static @Nullable String rootsDefect(JsonNode result) {
        JsonNode roots = result.get("roots");
        if (roots == null || !roots.isArray()) {
            return "\"roots\" must be an array";
        }
        for (int i = 0; i < roots.size(); i++) {
            if (!roots.get(i).path("uri").isString()) {
                return "\"roots[" + i + "]\" must be an object with a string \"uri\"";
            }
        }
        return null;
    }

    private static boolean isNameOf(@Nullable JsonNode value, Enum<?>[] constants) {
        if (value == null || !value.isString()) {
            return false;
        }
        for (Enum<?> constant : constants) {
            if (constant.name().equalsIgnoreCase(value.asString())) {
                return true;
            }
        }
        return false;
    }
}
