package dev.mcpspring.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;
import org.springframework.test.context.TestPropertySource;

import dev.mcpspring.testclient.McpResponse;
import dev.mcpspring.testclient.McpTestClient;
import tools.jackson.databind.JsonNode;

/**
 * With the container (Tomcat, Jetty) serving every request on a virtual thread of its own ({@code spring.threads.virtual.enabled=true}),
 * a tool runs on the thread of its request instead of being handed to another virtual thread, and answers as
 * before, in JSON or as a stream. (The peer and multi round-trip suites run again in this setting too.)
 */
@McpHttpTest
@TestPropertySource(properties = "spring.threads.virtual.enabled=true")
@EnabledForJreRange(min = JRE.JAVA_21)
class VirtualRequestThreadsHttpTests extends HttpTestSupport {

    @Test
    void aToolRunsOnTheVirtualThreadTheContainerServesItsRequestOn() {
        JsonNode thread = LifecycleHttpTests.whoami(connected());

        // the container names its virtual threads ("tomcat-handler-1", "jetty-1"); the starter's have no name
        assertThat(thread.path("virtual").asBoolean()).isTrue();
        assertThat(thread.path("thread").asString()).isNotEmpty();
    }

    @Test
    void progressAndTheAnswerStillArriveAsOneStream() {
        McpTestClient client = connected();

        McpResponse response = client.callTool("progress", Map.of("steps", 2), "tok-v");

        assertThat(response.isSse()).as("%s", response).isTrue();
        List<JsonNode> messages = response.messages();
        assertThat(messages).hasSize(3);
        assertThat(messages.get(0).path("method").asString()).isEqualTo("notifications/progress");
        assertThat(messages.get(1).path("params").path("progress").asDouble()).isEqualTo(2.0);
        assertThat(text(messages.get(2).path("result"))).isEqualTo("done after 2 steps");
    }

    @Test
    void aJsonAnswerIsUnchanged() {
        McpResponse response = connected().callTool("echo", Map.of("text", "on the request's thread"));

        assertThat(response.isJson()).as("%s", response).isTrue();
        assertThat(text(response.result())).isEqualTo("on the request's thread");
    }
}
