package dev.mcpspring.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import dev.mcpspring.protocol.ErrorCodes;
import dev.mcpspring.testclient.McpResponse;
import dev.mcpspring.testclient.McpTestClient;

/** Requests run concurrently and independently: a failure in one session leaves the others alone. */
@McpHttpTest
class ConcurrencyHttpTests extends HttpTestSupport {

    @Test
    void failingRequestsInOneSessionDoNotDisturbAnotherSessionsCallsInFlight() throws Exception {
        McpTestClient healthy = connected();
        McpTestClient failing = connected();
        TestTools.Gate gate = TestTools.gate("concurrency-" + UUID.randomUUID());

        CompletableFuture<McpResponse> held = healthy.post(healthy.message("held", "tools/call",
                healthy.callToolParams("gate", Map.of("name", gate.name), "held-progress")))
            .sendAsync();
        gate.awaitEntered();

        List<CompletableFuture<McpResponse>> healthyCalls = new ArrayList<>();
        List<CompletableFuture<McpResponse>> failures = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            healthyCalls.add(healthy.requestAsync("tools/call",
                    healthy.callToolParams("echo", Map.of("text", "call " + i), null)));
            failures.add(failing.post("{ not json").sendAsync());
            failures.add(failing.post(failing.message(i, "tools/call",
                    failing.callToolParams("boom", Map.of(), null))).sendAsync());
            failures.add(failing.post(failing.message(i, "tools/call",
                    failing.callToolParams("no_such_tool", Map.of(), null))).sendAsync());
            failures.add(failing.post(failing.message(i, "no/such/method", null)).sendAsync());
        }
        CompletableFuture.allOf(failures.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
        assertThat(failures).allSatisfy(f -> assertThat(f.join().status()).isIn(200, 400));

        for (int i = 0; i < healthyCalls.size(); i++) {
            McpResponse response = healthyCalls.get(i).get(10, TimeUnit.SECONDS);
            assertThat(text(response.result())).isEqualTo("call " + i);
        }
        assertThat(held).isNotDone();

        gate.open();
        McpResponse heldResponse = held.get(10, TimeUnit.SECONDS);
        assertThat(heldResponse.response().path("id").asString()).isEqualTo("held");
        assertThat(text(heldResponse.result())).isEqualTo("passed " + gate.name);
        assertThat(failing.ping().status()).isEqualTo(200);
    }

    @Test
    void concurrentCallsInOneSessionEachGetTheirOwnAnswer() throws Exception {
        McpTestClient client = connected();
        List<CompletableFuture<McpResponse>> calls = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            Object progressToken = i % 2 == 0 ? "p" + i : null;
            Map<String, Object> arguments = i % 3 == 0 ? Map.of("steps", 2) : Map.of("text", "t" + i);
            String tool = i % 3 == 0 ? "progress" : "echo";
            calls.add(client.post(client.message("c" + i, "tools/call",
                    client.callToolParams(tool, arguments, progressToken))).sendAsync());
        }

        for (int i = 0; i < calls.size(); i++) {
            McpResponse response = calls.get(i).get(10, TimeUnit.SECONDS);
            assertThat(response.response().path("id").asString()).isEqualTo("c" + i);
            if (i % 3 == 0) {
                assertThat(text(response.result())).isEqualTo("done after 2 steps");
                String expectedToken = "p" + i;
                assertThat(response.notifications()).hasSize(i % 2 == 0 ? 2 : 0)
                    .allSatisfy(notification -> assertThat(
                            notification.path("params").path("progressToken").asString()).isEqualTo(expectedToken));
            }
            else {
                assertThat(response.isJson()).isTrue();
                assertThat(text(response.result())).isEqualTo("t" + i);
            }
        }
    }

    @Test
    void aSessionDeletedWhileItsToolRunsDoesNotBreakOtherSessions() throws Exception {
        McpTestClient doomed = connected();
        McpTestClient other = connected();
        TestTools.Gate gate = TestTools.gate("deleted-" + UUID.randomUUID());
        CompletableFuture<McpResponse> inFlight = doomed.requestAsync("tools/call",
                doomed.callToolParams("gate", Map.of("name", gate.name), null));
        gate.awaitEntered();

        assertThat(doomed.deleteSession().status()).isEqualTo(200);
        assertError(doomed.ping(), 404, StreamableHttpServlet.SESSION_NOT_FOUND);
        assertThat(text(other.callTool("echo", Map.of("text", "unaffected")).result())).isEqualTo("unaffected");

        gate.open();
        McpResponse late = inFlight.get(10, TimeUnit.SECONDS);
        assertThat(late.status()).isEqualTo(200);
        assertThat(late.errorCode()).as("closing the session cancelled the call").isEqualTo(ErrorCodes.REQUEST_CANCELLED);
        assertThat(other.ping().status()).isEqualTo(200);
    }
}
