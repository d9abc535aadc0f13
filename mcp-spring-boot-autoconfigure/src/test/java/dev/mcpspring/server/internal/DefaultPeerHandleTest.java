package dev.mcpspring.server.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.mcpspring.protocol.ClientCapabilities;
import dev.mcpspring.protocol.JsonRpcCodec;
import dev.mcpspring.protocol.JsonRpcMessage;
import dev.mcpspring.protocol.LoggingLevel;
import dev.mcpspring.protocol.McpJsonMapper;
import dev.mcpspring.protocol.McpMethods;
import dev.mcpspring.protocol.SamplingRequest;
import dev.mcpspring.server.McpRequestCancelledException;
import dev.mcpspring.server.PeerHandle;
import dev.mcpspring.server.TypedElicitationResult;
import dev.mcpspring.session.InMemorySessionManager;
import dev.mcpspring.session.McpSession;
import dev.mcpspring.session.MessageSink;
import dev.mcpspring.session.SessionStoreUnavailableException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@link DefaultPeerHandle}: a call that is no longer wanted (its future cancelled, its wait interrupted, its
 * request cancelled) is withdrawn from the client, whatever the shape of its result, and a call made after its
 * request was cancelled sends nothing.
 */
class DefaultPeerHandleTest {

    private static final Duration WAIT = Duration.ofSeconds(5);

    private final InMemorySessionManager sessions = new InMemorySessionManager(Duration.ofMinutes(1), 10, 100);

    private final JsonRpcCodec codec = new JsonRpcCodec(McpJsonMapper.create());

    private final DefaultPeerHandle.PeerContext context = new DefaultPeerHandle.PeerContext(
            new ClientRequestSender(sessions, codec), codec, sessions, type -> form(), PeerSettings.DEFAULTS);

    private final RecordingSink stream = new RecordingSink();

    private final McpSession session = sessions.create(null);

    DefaultPeerHandleTest() {
        ObjectNode empty = JsonNodeFactory.instance.objectNode();
        session.initialize("2025-11-25", null, new ClientCapabilities(empty, empty, empty, null, null, null));
    }

    @AfterEach
    void closeSessions() {
        sessions.close();
    }

    /** Starts one kind of call of a handle, by the name of its method. */
    private static CompletableFuture<?> start(PeerHandle peer, String call) {
        return switch (call) {
            case "sampleAsync" -> peer.sampleAsync(SamplingRequest.ofUserText("hi", 10));
            case "listRootsAsync" -> peer.listRootsAsync();
            case "pingAsync" -> peer.pingAsync();
            case "elicitAsync(typed)" -> peer.elicitAsync("Name?", Object.class);
            default -> throw new IllegalArgumentException(call);
        };
    }

    /** Runs one kind of blocking call of a handle, by the name of its method. */
    private static Object run(PeerHandle peer, String call) {
        return switch (call) {
            case "sampleAsync" -> peer.sample(SamplingRequest.ofUserText("hi", 10));
            case "listRootsAsync" -> peer.listRoots();
            case "pingAsync" -> {
                peer.ping();
                yield null;
            }
            case "elicitAsync(typed)" -> peer.elicit("Name?", Object.class);
            default -> throw new IllegalArgumentException(call);
        };
    }

    @Test
    void inALegacyRequestTheRequestStateLivesAsLongAsTheRequestAndIsSharedByItsKeyedHandles() {
        PeerHandle peer = new DefaultPeerHandle(session, stream, null, new RequestCancellation(), context, null);
        AtomicInteger computed = new AtomicInteger();

        int first = peer.requestState().computeIfAbsent("n", Integer.class, computed::incrementAndGet);
        int again = peer.withInputKey("q").requestState().computeIfAbsent("n", Integer.class, computed::incrementAndGet);

        assertThat(first).isEqualTo(1);
        assertThat(again).isEqualTo(1);
        assertThat(computed).hasValue(1);
        assertThat(peer.withInputKey("q").requestState().get("missing", String.class)).isEmpty();
    }

    @Test
    void progressAndLogMessagesThatTheSessionStoreCannotTakeAreDroppedNotThrownIntoTheHandler() {
        MessageSink storeDown = new MessageSink() {

            @Override
            public boolean send(JsonRpcMessage message) {
                throw new SessionStoreUnavailableException("Redis cannot be reached", new IllegalStateException());
            }

            @Override
            public boolean isOpen() {
                return true;
            }

            @Override
            public void close() {
            }
        };
        session.logLevel(LoggingLevel.DEBUG);
        PeerHandle peer = new DefaultPeerHandle(session, storeDown, "token", new RequestCancellation(), context, null);

        assertThatCode(() -> peer.progress(1, 10, "one of ten")).doesNotThrowAnyException();
        assertThatCode(() -> peer.log(LoggingLevel.INFO, "tool", "hello")).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(strings = { "sampleAsync", "listRootsAsync", "pingAsync", "elicitAsync(typed)" })
    void cancellingTheFutureOfACallCancelsTheRequestOnTheClient(String call) {
        PeerHandle peer = new DefaultPeerHandle(session, stream, null, new RequestCancellation(), context, null);
        CompletableFuture<?> future = start(peer, call);
        JsonNode id = requestId(stream.sent().get(0));

        future.cancel(true);

        assertWithdrawn(id);
    }

    @ParameterizedTest
    @ValueSource(strings = { "sampleAsync", "listRootsAsync", "pingAsync", "elicitAsync(typed)" })
    void anInterruptedWaitCancelsTheRequestOnTheClient(String call) throws Exception {
        PeerHandle peer = new DefaultPeerHandle(session, stream, null, new RequestCancellation(), context, null);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread waiter = new Thread(() -> {
            try {
                run(peer, call);
            }
            catch (RuntimeException ex) {
                failure.set(ex);
            }
        });
        waiter.start();
        await().atMost(WAIT).until(() -> !stream.sent().isEmpty());

        waiter.interrupt();
        waiter.join(WAIT.toMillis());

        assertThat(failure.get()).isInstanceOf(McpRequestCancelledException.class);
        assertWithdrawn(requestId(stream.sent().get(0)));
    }

    @ParameterizedTest
    @ValueSource(strings = { "sampleAsync", "listRootsAsync", "pingAsync", "elicitAsync(typed)" })
    void aCallAfterTheRequestWasCancelledSendsNothing(String call) {
        RequestCancellation cancellation = new RequestCancellation();
        cancellation.cancelByClient("stop");
        PeerHandle peer = new DefaultPeerHandle(session, stream, null, cancellation, context, null);

        CompletableFuture<?> future = start(peer, call);

        assertThatThrownBy(future::join).hasCauseInstanceOf(McpRequestCancelledException.class)
            .hasMessageContaining("stop");
        assertThat(stream.sent()).isEmpty();
    }

    @Test
    void theTypedFormOfAnAnsweredElicitationIsBound() {
        PeerHandle peer = new DefaultPeerHandle(session, stream, null, new RequestCancellation(), context, null);
        CompletableFuture<TypedElicitationResult<Name>> future = peer.elicitAsync("Name?", Name.class);
        ObjectNode answer = JsonNodeFactory.instance.objectNode().put("action", "accept");
        answer.putObject("content").put("name", "Ada");

        sessions.deliverResponse(session.id(), new JsonRpcMessage.Response(requestId(stream.sent().get(0)), answer));

        assertThat(future.join().content()).isEqualTo(new Name("Ada"));
        assertThat(stream.sent()).hasSize(1);
    }

    record Name(String name) {
    }

    private void assertWithdrawn(JsonNode id) {
        List<JsonRpcMessage> sent = stream.sent();
        assertThat(sent).hasSize(2);
        JsonRpcMessage.Notification cancel = (JsonRpcMessage.Notification) sent.get(1);
        assertThat(cancel.method()).isEqualTo(McpMethods.NOTIFICATION_CANCELLED);
        assertThat(cancel.params().path("requestId")).isEqualTo(id);
        assertThat(sessions.deliverResponse(session.id(),
                new JsonRpcMessage.Response(id, JsonNodeFactory.instance.objectNode())))
            .as("nothing waits for the answer any more").isFalse();
    }

    private static JsonNode requestId(JsonRpcMessage message) {
        return ((JsonRpcMessage.Request) message).id();
    }

    private static ObjectNode form() {
        ObjectNode schema = JsonNodeFactory.instance.objectNode().put("type", "object");
        schema.putObject("properties").putObject("name").put("type", "string");
        return schema;
    }
}
