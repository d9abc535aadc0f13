package dev.mcpspring.peer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.mcpspring.protocol.ErrorCodes;
import dev.mcpspring.server.McpRequestCancelledException;
import dev.mcpspring.testclient.McpTestClient;
import dev.mcpspring.testclient.OpenRequest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.IntNode;

/** Cancellation of a tool call that waits on the client: by the client, and by the end of the session. */
@PeerHttpTest
class CancellationHttpTests extends PeerHttpTestSupport {

    @Test
    void theClientCancelsAToolCallWaitingOnSampling() {
        McpTestClient client = connect(Map.of("sampling", Map.of()));
        String key = key();

        try (OpenRequest call = client.startToolCall("sample", args(key))) {
            JsonNode sampling = call.nextRequest("sampling/createMessage", WAIT);

            assertThat(client.cancel(call.id(), "the user pressed stop").status()).isEqualTo(202);

            // the server withdraws its own request, which nobody waits for any more
            JsonNode withdrawn = call.nextNotification("notifications/cancelled", WAIT);
            assertThat(withdrawn.path("params").path("requestId")).isEqualTo(sampling.get("id"));
            assertThat(call.awaitEnd(WAIT)).as("the stream ends").isTrue();
            assertThat(call.received()).as("no response for the cancelled request")
                .noneMatch(message -> message.has("result") || message.has("error"));

            assertThat(client.respond(sampling.get("id"), samplingAnswer("too late")).status()).isEqualTo(202);
        }
        assertThat(outcomes.failure(key, WAIT)).isInstanceOf(McpRequestCancelledException.class);
        assertThat(outcomes.value(key + PeerTools.ON_CANCEL, WAIT)).as("isCancelled() in onCancel").isEqualTo(true);
        assertThat(outcomes.value(key + PeerTools.IS_CANCELLED, WAIT)).as("isCancelled() after").isEqualTo(true);
        assertThat(client.ping().result().isObject()).as("the session goes on").isTrue();
    }

    @Test
    void aToolThatGoesOnAfterItsCancellationCanAskTheClientNothing() {
        McpTestClient client = connect(Map.of("sampling", Map.of()));
        String key = key();

        try (OpenRequest call = client.startToolCall("sampleAfterCancel", args(key))) {
            call.nextNotification("notifications/message", WAIT);

            client.cancel(call.id(), null);

            assertThat(call.awaitEnd(WAIT)).isTrue();
            assertThat(call.received()).as("nothing after the tool's log message").hasSize(1);
        }
        assertThat(outcomes.failure(key, WAIT)).isInstanceOf(McpRequestCancelledException.class);
    }

    @Test
    void cancellingARequestThatIsNotInFlightIsIgnored() {
        McpTestClient client = connect(Map.of("sampling", Map.of()));
        String key = key();

        try (OpenRequest call = client.startToolCall("sample", args(key))) {
            JsonNode sampling = call.nextRequest("sampling/createMessage", WAIT);

            assertThat(client.cancel(IntNode.valueOf(424242), "never sent").status()).isEqualTo(202);
            assertThat(client.cancel(sampling.get("id"), "a server request, not the client's").status())
                .isEqualTo(202);

            client.respond(sampling.get("id"), samplingAnswer("still answered"));
            assertThat(successText(call.result(WAIT))).startsWith("still answered|");
        }
        assertThat(outcomes.value(key + PeerTools.IS_CANCELLED, WAIT)).isEqualTo(false);
    }

    @Test
    void closingTheSessionEndsTheWaitAndTheCallGetsRequestCancelled() {
        McpTestClient client = connect(Map.of("sampling", Map.of()));
        String key = key();

        try (OpenRequest call = client.startToolCall("sample", args(key))) {
            call.nextRequest("sampling/createMessage", WAIT);

            assertThat(client.deleteSession().status()).isEqualTo(200);

            JsonNode error = call.error(WAIT);
            assertThat(error.path("code").asInt()).isEqualTo(ErrorCodes.REQUEST_CANCELLED).isEqualTo(-32800);
            assertThat(error.path("message").asString()).containsIgnoringCase("cancelled");
            assertThat(call.awaitEnd(WAIT)).isTrue();
        }
        assertThat(outcomes.failure(key, WAIT)).isInstanceOf(McpRequestCancelledException.class);
        assertThat(outcomes.value(key + PeerTools.ON_CANCEL, WAIT)).isEqualTo(true);
        assertThat(client.ping().status()).as("the session is gone").isEqualTo(404);
    }
}
