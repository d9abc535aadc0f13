package dev.mcpspring.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.mcpspring.protocol.ErrorCodes;
import dev.mcpspring.testclient.McpTestClient;
import dev.mcpspring.testclient.SseSubscription;
import tools.jackson.databind.JsonNode;

/**
 * Tools, resources, templates and prompts added and removed through the registry beans while the server runs:
 * they are served at once, and every session hears {@code notifications/.../list_changed} on its GET stream,
 * or when it next opens one.
 */
@RegistryHttpTest
class RuntimeRegistrationHttpTests extends RegistryHttpTestSupport {

    static final String TOOLS_CHANGED = "notifications/tools/list_changed";

    static final String RESOURCES_CHANGED = "notifications/resources/list_changed";

    static final String PROMPTS_CHANGED = "notifications/prompts/list_changed";

    @AfterEach
    void removeRuntimeItems() {
        tools.remove("runtime-tool");
        resources.remove("runtime://doc");
        templates.remove("runtime://items/{id}");
        prompts.remove("runtime-prompt");
        completions.remove(Specs.promptCompletion("runtime-prompt", "topic", invocation -> List.of()).key());
    }

    @Test
    void aToolAddedAtRuntimeIsAnnouncedListedAndCallableUntilRemoved() {
        McpTestClient client = connected();
        try (SseSubscription stream = openStream(client)) {
            tools.add(Specs.tool("runtime-tool"));

            assertThat(nextNotification(stream)).isEqualTo(TOOLS_CHANGED);
            assertThat(walk(client, "tools/list", "tools", "name")).contains("runtime-tool");
            assertThat(client.callTool("runtime-tool", Map.of("text", "hi")).result().path("content").get(0)
                .path("text").asString()).isEqualTo("runtime-tool:hi");

            assertThat(tools.remove("runtime-tool")).isTrue();

            assertThat(nextNotification(stream)).isEqualTo(TOOLS_CHANGED);
            assertThat(walk(client, "tools/list", "tools", "name")).isEqualTo(RegistryFixtures.TOOLS);
            JsonNode error = rpcError(client.callTool("runtime-tool", Map.of()), ErrorCodes.INVALID_PARAMS);
            assertThat(error.path("message").asString()).contains("runtime-tool");
        }
    }

    @Test
    void aResourceAddedAtRuntimeIsAnnouncedListedAndReadableUntilRemoved() {
        McpTestClient client = connected();
        try (SseSubscription stream = openStream(client)) {
            resources.add(Specs.resource("runtime://doc", "runtime-doc"));

            assertThat(nextNotification(stream)).isEqualTo(RESOURCES_CHANGED);
            assertThat(walk(client, "resources/list", "resources", "uri")).contains("runtime://doc");
            assertThat(readText(read(client, "runtime://doc"))).isEqualTo("contents of runtime://doc");

            resources.remove("runtime://doc");

            assertThat(nextNotification(stream)).isEqualTo(RESOURCES_CHANGED);
            assertThat(walk(client, "resources/list", "resources", "uri")).isEqualTo(RegistryFixtures.RESOURCE_URIS);
            rpcError(read(client, "runtime://doc"), ErrorCodes.RESOURCE_NOT_FOUND);
        }
    }

    @Test
    void aTemplateAddedAtRuntimeIsAnnouncedListedAndReadableUntilRemoved() {
        McpTestClient client = connected();
        try (SseSubscription stream = openStream(client)) {
            templates.add(Specs.template("runtime://items/{id}", "items"));

            assertThat(nextNotification(stream)).isEqualTo(RESOURCES_CHANGED);
            assertThat(walk(client, "resources/templates/list", "resourceTemplates", "uriTemplate"))
                .contains("runtime://items/{id}");
            assertThat(readText(read(client, "runtime://items/7"))).isEqualTo("template runtime://items/{id}: id=7");

            templates.remove("runtime://items/{id}");

            assertThat(nextNotification(stream)).isEqualTo(RESOURCES_CHANGED);
            assertThat(walk(client, "resources/templates/list", "resourceTemplates", "uriTemplate"))
                .isEqualTo(RegistryFixtures.TEMPLATES);
            rpcError(read(client, "runtime://items/7"), ErrorCodes.RESOURCE_NOT_FOUND);
        }
    }

    @Test
    void aPromptAddedAtRuntimeIsAnnouncedListedAndUsableUntilRemoved() {
        McpTestClient client = connected();
        try (SseSubscription stream = openStream(client)) {
            prompts.add(Specs.prompt("runtime-prompt", "topic!"));
            completions.add(Specs.promptCompletion("runtime-prompt", "topic",
                    invocation -> List.of("spring", "summer")));

            assertThat(nextNotification(stream)).isEqualTo(PROMPTS_CHANGED);
            assertThat(walk(client, "prompts/list", "prompts", "name")).contains("runtime-prompt");
            assertThat(client.request("prompts/get",
                    Map.of("name", "runtime-prompt", "arguments", Map.of("topic", "seasons")))
                .result().path("messages").get(0).path("content").path("text").asString())
                .isEqualTo("runtime-prompt: topic=seasons");
            assertThat(client.request("completion/complete", Map.of("ref",
                    Map.of("type", "ref/prompt", "name", "runtime-prompt"), "argument",
                    Map.of("name", "topic", "value", "s")))
                .result().path("completion").path("values").size()).isEqualTo(2);

            prompts.remove("runtime-prompt");

            assertThat(nextNotification(stream)).as("a completion is not a list and is not announced")
                .isEqualTo(PROMPTS_CHANGED);
            assertThat(walk(client, "prompts/list", "prompts", "name")).isEqualTo(RegistryFixtures.PROMPTS);
            rpcError(client.request("prompts/get", Map.of("name", "runtime-prompt")), ErrorCodes.INVALID_PARAMS);
            rpcError(client.request("completion/complete", Map.of("ref",
                    Map.of("type", "ref/prompt", "name", "runtime-prompt"), "argument",
                    Map.of("name", "topic", "value", "s"))), ErrorCodes.INVALID_PARAMS);
        }
    }

    @Test
    void removingWhatIsNotRegisteredChangesNothingAndAnnouncesNothing() {
        McpTestClient client = connected();
        try (SseSubscription stream = openStream(client)) {
            assertThat(tools.remove("never-registered")).isFalse();
            assertThat(resources.remove("never://registered")).isFalse();
            assertThat(templates.remove("never://{registered}")).isFalse();
            assertThat(prompts.remove("never-registered")).isFalse();

            // the first thing on the stream is what this announces, so nothing came before it
            prompts.add(Specs.prompt("runtime-prompt"));
            assertThat(nextNotification(stream)).isEqualTo(PROMPTS_CHANGED);
        }
    }

    @Test
    void everyOpenGetStreamHearsOfEveryChange() {
        McpTestClient alice = connected();
        McpTestClient bob = connected();
        try (SseSubscription aliceStream = openStream(alice); SseSubscription bobStream = openStream(bob)) {
            tools.add(Specs.tool("runtime-tool"));
            resources.add(Specs.resource("runtime://doc", "runtime-doc"));
            prompts.add(Specs.prompt("runtime-prompt"));
            templates.add(Specs.template("runtime://items/{id}", "items"));

            for (SseSubscription stream : List.of(aliceStream, bobStream)) {
                assertThat(List.of(nextNotification(stream), nextNotification(stream), nextNotification(stream),
                        nextNotification(stream)))
                    .containsExactly(TOOLS_CHANGED, RESOURCES_CHANGED, PROMPTS_CHANGED, RESOURCES_CHANGED);
            }
        }
    }

    @Test
    void aSessionWithoutAnOpenGetStreamGetsTheNotificationsWhenItOpensOne() {
        McpTestClient listening = connected();
        McpTestClient away = connected();
        try (SseSubscription listeningStream = openStream(listening)) {
            tools.add(Specs.tool("runtime-tool"));
            prompts.add(Specs.prompt("runtime-prompt"));
            assertThat(nextNotification(listeningStream)).isEqualTo(TOOLS_CHANGED);
            assertThat(nextNotification(listeningStream)).isEqualTo(PROMPTS_CHANGED);

            try (SseSubscription awayStream = openStream(away)) {
                assertThat(nextNotification(awayStream)).isEqualTo(TOOLS_CHANGED);
                assertThat(nextNotification(awayStream)).isEqualTo(PROMPTS_CHANGED);

                // and from now on it hears of changes as they happen
                tools.remove("runtime-tool");
                assertThat(nextNotification(awayStream)).isEqualTo(TOOLS_CHANGED);
                assertThat(nextNotification(listeningStream)).isEqualTo(TOOLS_CHANGED);
            }
        }
    }

    @Test
    void aNotificationCarriesNoIdAndNoParamsButItsMethod() {
        McpTestClient client = connected();
        try (SseSubscription stream = openStream(client)) {
            tools.add(Specs.tool("runtime-tool"));

            JsonNode message = nextNotificationMessage(stream);
            assertThat(message.path("jsonrpc").asString()).isEqualTo("2.0");
            assertThat(message.path("method").asString()).isEqualTo(TOOLS_CHANGED);
            assertThat(message.path("params").isMissingNode() || message.path("params").isObject())
                .as("params absent or an object: %s", message).isTrue();
        }
    }
}
