package dev.mcpspring.server.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.mcpspring.protocol.JsonRpcCodec;
import dev.mcpspring.protocol.JsonRpcError;
import dev.mcpspring.protocol.JsonRpcMessage;
import dev.mcpspring.protocol.McpJsonMapper;
import dev.mcpspring.protocol.McpMethods;
import dev.mcpspring.server.McpPeerErrorException;
import dev.mcpspring.server.McpPeerTimeoutException;
import dev.mcpspring.server.McpRequestCancelledException;
import dev.mcpspring.session.InMemorySessionManager;
import dev.mcpspring.session.McpSession;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * {@link ClientRequestSender}: what reaches the client's stream, and in which order relative to what the waiting
 * code sees. The order matters: a handler that sees its call end finishes and closes the request's stream, so a
 * {@code notifications/cancelled} sent after that point would miss the stream.
 */
class ClientRequestSenderTest {

    private static final Duration LONG = Duration.ofMinutes(1);

    private final InMemorySessionManager sessions = new InMemorySessionManager(LONG, 10, 100);

    private final JsonRpcCodec codec = new JsonRpcCodec(McpJsonMapper.create());

    private final ClientRequestSender sender = new ClientRequestSender(sessions, codec);

    private final RecordingSink stream = new RecordingSink();

    private final McpSession session = sessions.create(null);

    @AfterEach
    void closeSessions() {
        sessions.close();
    }

    @Test
    void aTimedOutCallIsCancelledOnTheClientBeforeTheWaitingCodeSeesTheTimeOut() throws Exception {
        CompletableFuture<JsonNode> call = sender.send(session, stream, McpMethods.PING, null, JsonNode.class,
                Duration.ofMillis(50));
        CompletableFuture<List<JsonRpcMessage>> sentWhenItEnded = call.handle((value, error) -> stream.sent());

        List<JsonRpcMessage> sent = sentWhenItEnded.get(5, TimeUnit.SECONDS);

        assertThat(sent).hasSize(2);
        JsonNode id = ((JsonRpcMessage.Request) sent.get(0)).id();
        assertCancels(sent.get(1), id, "timed out");
        assertThatThrownBy(call::join).isInstanceOf(CompletionException.class)
            .hasCauseInstanceOf(McpPeerTimeoutException.class);
        assertThat(sessions.deliverResponse(session.id(), new JsonRpcMessage.Response(id, emptyObject())))
            .as("a late answer finds nothing waiting").isFalse();
    }

    @Test
    void aCallEndedByTheCancelledRequestIsCancelledOnTheClientBeforeTheWaitingCodeSeesIt() throws Exception {
        RequestCancellation cancellation = new RequestCancellation();
        CompletableFuture<JsonNode> call = cancellation.track(
                sender.send(session, stream, McpMethods.PING, null, JsonNode.class, LONG));
        CompletableFuture<List<JsonRpcMessage>> sentWhenItEnded = call.handle((value, error) -> stream.sent());

        cancellation.cancelByClient("stop");

        List<JsonRpcMessage> sent = sentWhenItEnded.get(5, TimeUnit.SECONDS);
        assertThat(sent).hasSize(2);
        assertCancels(sent.get(1), ((JsonRpcMessage.Request) sent.get(0)).id(), "no longer needed");
        assertThatThrownBy(call::join).hasCauseInstanceOf(McpRequestCancelledException.class);
    }

    @Test
    void anAnsweredCallIsNotCancelled() throws Exception {
        CompletableFuture<JsonNode> call = sender.send(session, stream, McpMethods.PING, null, JsonNode.class, LONG);
        JsonNode id = ((JsonRpcMessage.Request) stream.sent().get(0)).id();

        assertThat(sessions.deliverResponse(session.id(), new JsonRpcMessage.Response(id, emptyObject()))).isTrue();

        assertThat(call.get(5, TimeUnit.SECONDS).isObject()).isTrue();
        assertThat(call.completeExceptionally(new IllegalStateException("too late"))).isFalse();
        assertThat(stream.sent()).hasSize(1);
    }

    @Test
    void anErrorAnswerFailsTheCallWithoutCancellingIt() {
        CompletableFuture<JsonNode> call = sender.send(session, stream, McpMethods.PING, null, JsonNode.class, LONG);
        JsonNode id = ((JsonRpcMessage.Request) stream.sent().get(0)).id();

        sessions.deliverResponse(session.id(), new JsonRpcMessage.ErrorResponse(id, new JsonRpcError(-1, "no")));

        assertThatThrownBy(call::join).hasCauseInstanceOf(McpPeerErrorException.class);
        assertThat(stream.sent()).hasSize(1);
    }

    @Test
    void aRequestWithoutParamsIsWrittenWithoutParamsMember() {
        sender.send(session, stream, McpMethods.PING, null, JsonNode.class, LONG);

        JsonNode written = codec.mapper().readTree(codec.write(stream.sent().get(0)));

        assertThat(written.path("method").asString()).isEqualTo("ping");
        assertThat(written.has("params")).as("params member of %s", written).isFalse();
    }

    private static void assertCancels(JsonRpcMessage message, JsonNode requestId, String reason) {
        assertThat(message).isInstanceOf(JsonRpcMessage.Notification.class);
        JsonRpcMessage.Notification cancel = (JsonRpcMessage.Notification) message;
        assertThat(cancel.method()).isEqualTo(McpMethods.NOTIFICATION_CANCELLED);
        assertThat(cancel.params().path("requestId")).isEqualTo(requestId);
        assertThat(cancel.params().path("reason").asString()).isEqualTo(reason);
    }

    private static JsonNode emptyObject() {
        return JsonNodeFactory.instance.objectNode();
    }
}
