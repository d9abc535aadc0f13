package dev.mcpspring.test;

import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import org.assertj.core.api.AssertProvider;
import org.jspecify.annotations.Nullable;

import dev.mcpspring.test.internal.Outcome;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What one request of the {@link McpTestClient} got back: the JSON-RPC result or error, and the notifications the
 * server sent while it handled the request. Assert on it with AssertJ: {@code assertThat(result).isSuccessful()}.
 */
public final class McpResult implements AssertProvider<McpResultAssert> {

    private final String method;

    private final Outcome outcome;

    private final JsonMapper mapper;

    private final Supplier<@Nullable JsonNode> outputSchema;

    McpResult(String method, Outcome outcome, JsonMapper mapper, Supplier<@Nullable JsonNode> outputSchema) {
        this.method = method;
        this.outcome = outcome;
        this.mapper = mapper;
        this.outputSchema = outputSchema;
    }

    /** The method of the request, e.g. {@code tools/call}. */
    public String method() {
        return method;
    }

    /** The HTTP status of the response. */
    public int httpStatus() {
        return outcome.httpStatus();
    }

    /** The JSON-RPC result, {@code null} when the request failed. */
    public @Nullable JsonNode result() {
        return outcome.response() == null ? null : outcome.response().get("result");
    }

    /** The JSON-RPC error, {@code null} when the request succeeded. */
    public @Nullable JsonNode error() {
        return outcome.response() == null ? null : outcome.response().get("error");
    }

    /** The JSON-RPC error's code, {@code null} when there is no error. */
    public @Nullable Integer errorCode() {
        JsonNode error = error();
        return error == null ? null : error.path("code").asInt();
    }

    /** The JSON-RPC error's message, {@code null} when there is no error. */
    public @Nullable String errorMessage() {
        JsonNode error = error();
        return error == null ? null : error.path("message").asString();
    }

    /** The body of an HTTP response that carried no JSON-RPC message (an HTTP error page, say), else {@code null}. */
    public @Nullable String httpBody() {
        return outcome.body();
    }

    /** Whether a {@code tools/call} result says the tool failed ({@code isError: true}). */
    public boolean isToolError() {
        JsonNode result = result();
        return result != null && result.path("isError").asBoolean(false);
    }

    /**
     * The text of the result: the {@code text} blocks of a tool's {@code content} or of a prompt's messages, or the
     * text of the resource contents, joined by new lines.
     */
    public @Nullable String text() {
        JsonNode result = result();
        if (result == null) {
            return null;
        }
        List<JsonNode> blocks = result.has("content") ? result.get("content").valueStream().toList()
                : result.has("messages") ? result.get("messages").valueStream().map(m -> m.get("content")).toList()
                : result.has("contents") ? result.get("contents").valueStream().toList() : List.of();
        return blocks.stream()
            .filter(block -> block != null && block.hasNonNull("text"))
            .map(block -> block.get("text").asString())
            .collect(Collectors.joining("\n"));
    }

    /** A tool result's {@code structuredContent}, {@code null} when it has none. */
    public @Nullable JsonNode structuredContent() {
        JsonNode result = result();
        return result == null ? null : result.get("structuredContent");
    }

    /** A tool result's {@code structuredContent} bound to {@code type}, {@code null} when it has none. */
    public <T> @Nullable T structuredContent(Class<T> type) {
        JsonNode content = structuredContent();
        return content == null ? null : mapper.treeToValue(content, type);
    }

    /** The output schema of the called tool (listed by the server), {@code null} when it declares none. */
    public @Nullable JsonNode outputSchema() {
        return outputSchema.get();
    }

    /** Every notification the server sent while it handled the request, in order. */
    public List<McpNotification> notifications() {
        return outcome.notifications();
    }

    /** The progress notifications the server sent while it handled the request. */
    public List<McpNotification> progress() {
        return notifications().stream().filter(McpNotification::isProgress).toList();
    }

    /** The log messages the server sent while it handled the request. */
    public List<McpNotification> logs() {
        return notifications().stream().filter(McpNotification::isLog).toList();
    }

    /** The whole JSON-RPC response, as received. */
    public @Nullable JsonNode response() {
        return outcome.response();
    }

    /** {@code value} as JSON text, written as the client writes requests. */
    String toJson(Object value) {
        return mapper.writeValueAsString(value);
    }

    @Override
    public McpResultAssert assertThat() {
        return new McpResultAssert(this);
    }

    @Override
    public String toString() {
        return method + " -> " + (outcome.response() != null ? outcome.response()
                : "HTTP " + outcome.httpStatus() + (outcome.body() == null ? "" : " " + outcome.body()));
    }
}
