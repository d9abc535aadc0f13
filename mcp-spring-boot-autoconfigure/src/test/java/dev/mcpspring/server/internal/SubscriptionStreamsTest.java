package dev.mcpspring.server.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.mcpspring.protocol.ErrorCodes;
import dev.mcpspring.protocol.JsonRpcCodec;
import dev.mcpspring.protocol.JsonRpcMessage;
import dev.mcpspring.protocol.McpException;
import dev.mcpspring.protocol.McpJsonMapper;
import dev.mcpspring.protocol.McpMethods;
import dev.mcpspring.protocol.ServerCapabilities;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.IntNode;

/** What a {@code subscriptions/listen} stream is acknowledged and sent, by what the server offers. */
class SubscriptionStreamsTest {

    private static final JsonRpcCodec CODEC = new JsonRpcCodec(McpJsonMapper.create());

    private static final ServerCapabilities TOOLS_ONLY = new ServerCapabilities(null, Map.of(), null, null, null,
            new ServerCapabilities.ListChanged(true));

    private static final ServerCapabilities RESOURCES = new ServerCapabilities(null, Map.of(), null, null,
            new ServerCapabilities.ResourcesCapability(true, true), null);

    private final SubscriptionStreams streams = new SubscriptionStreams(CODEC, new SubscriptionLimits(3, 2),
            CODEC.mapper().createObjectNode().put("name", "test-server"));

    private final RecordingSink stream = new RecordingSink();

    @Test
    void onlyTheNotificationsOfWhatTheServerOffersAreAcknowledgedAndSent() {
        streams.open(listen(Map.of("toolsListChanged", true, "promptsListChanged", true, "resourcesListChanged", true,
                "resourceSubscriptions", new String[] { "file:///a.txt" })), stream, TOOLS_ONLY);

        JsonNode acknowledged = ((JsonRpcMessage.Notification) stream.sent().get(0)).params().path("notifications");
        assertThat(acknowledged.propertyNames()).containsExactly("toolsListChanged");

        streams.listChanged(McpMethods.NOTIFICATION_PROMPTS_LIST_CHANGED);
        streams.resourceUpdated("file:///a.txt");
        streams.listChanged(McpMethods.NOTIFICATION_TOOLS_LIST_CHANGED);
        assertThat(stream.sent()).extracting(message -> ((JsonRpcMessage.Notification) message).method())
            .containsExactly(McpMethods.NOTIFICATION_SUBSCRIPTIONS_ACKNOWLEDGED,
                    McpMethods.NOTIFICATION_TOOLS_LIST_CHANGED);
    }

    @Test
    void aFlagThatIsNotABooleanIsInvalidParams() {
        assertThatExceptionOfType(McpException.class)
            .isThrownBy(() -> streams.open(listen(Map.of("toolsListChanged", "yes")), stream, TOOLS_ONLY))
            .satisfies(ex -> assertThat(ex.toError().code()).isEqualTo(ErrorCodes.INVALID_PARAMS))
            .withMessageContaining("\"toolsListChanged\" must be true or false");
        assertThat(streams.size()).isZero();
    }

    @Test
    void whatAStreamListensForAndHowManyStreamsAreOpenAreBounded() {
        assertThatExceptionOfType(McpException.class)
            .isThrownBy(() -> streams.open(listen(Map.of("resourceSubscriptions",
                    new String[] { "file:///a", "file:///b", "file:///c", "file:///d" })), stream, RESOURCES))
            .satisfies(ex -> assertThat(ex.toError().code()).isEqualTo(ErrorCodes.INVALID_PARAMS))
            .withMessageContaining("4 resource subscriptions are more than the 3 a client may hold")
            .withMessageContaining("mcp.server.session.max-subscriptions");
        assertThatExceptionOfType(McpException.class)
            .isThrownBy(() -> streams.open(listen(Map.of("resourceSubscriptions",
                    new String[] { "file:///" + "x".repeat(8_000) })), stream, RESOURCES))
            .withMessageContaining("a URI has 8008 characters; a subscription's URI has at most 8000");

        streams.open(listen(Map.of("resourceSubscriptions", new String[] { "file:///a", "file:///b", "file:///c" })),
                stream, RESOURCES);
        streams.open(listen(Map.of("toolsListChanged", true)), new RecordingSink(), TOOLS_ONLY);
        assertThatExceptionOfType(McpException.class)
            .isThrownBy(() -> streams.open(listen(Map.of("toolsListChanged", true)), new RecordingSink(), TOOLS_ONLY))
            .satisfies(ex -> assertThat(ex.toError().code()).isEqualTo(ErrorCodes.INTERNAL_ERROR))
            .withMessageContaining("mcp.server.session.max-listen-streams");
        assertThat(streams.size()).isEqualTo(2);
    }

    private static JsonRpcMessage.Request listen(Map<String, Object> filter) {
        return new JsonRpcMessage.Request(IntNode.valueOf(7), McpMethods.SUBSCRIPTIONS_LISTEN,
                CODEC.toTree(Map.of("notifications", filter)));
    }
}
