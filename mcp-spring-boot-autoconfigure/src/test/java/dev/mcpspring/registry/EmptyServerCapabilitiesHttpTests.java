package dev.mcpspring.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;

import dev.mcpspring.testclient.McpTestClient;
import tools.jackson.databind.JsonNode;

/**
 * A server that starts with nothing registered: each capability appears in {@code initialize} exactly while
 * something of its kind is registered.
 */
@SpringBootTest(classes = RegistryTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class EmptyServerCapabilitiesHttpTests extends RegistryHttpTestSupport {

    /** The registry key of the completion of {@code greet}'s {@code style}. */
    static final String GREET_STYLE = Specs.promptCompletion("greet", "style", invocation -> List.of()).key();

    @AfterEach
    void removeEverything() {
        tools.remove("echo");
        resources.remove("notes://today");
        templates.remove("docs://{folder}/{name}");
        prompts.remove("greet");
        completions.remove(GREET_STYLE);
    }

    @Test
    void nothingRegisteredMeansNoToolsResourcesPromptsOrCompletions() {
        JsonNode capabilities = capabilities();

        assertThat(kinds(capabilities)).isEmpty();
    }

    @Test
    void anEmptyServerStillAnswersItsListMethods() {
        McpTestClient client = connected();

        assertThat(list(client, "tools/list", null).result().path("tools").size()).isZero();
        assertThat(list(client, "resources/list", null).result().path("resources").size()).isZero();
        assertThat(list(client, "resources/templates/list", null).result().path("resourceTemplates").size())
            .isZero();
        assertThat(list(client, "prompts/list", null).result().path("prompts").size()).isZero();
    }

    @Test
    void aToolMakesTheToolsCapability() {
        tools.add(Specs.tool("echo"));
        JsonNode capabilities = capabilities();
        assertThat(kinds(capabilities)).containsExactly("tools");
        assertThat(capabilities.path("tools").path("listChanged").asBoolean()).isTrue();

        tools.remove("echo");
        assertThat(kinds(capabilities())).isEmpty();
    }

    @Test
    void aFixedResourceMakesTheResourcesCapabilityWithSubscribe() {
        resources.add(Specs.resource("notes://today", "today"));
        JsonNode capabilities = capabilities();
        assertThat(kinds(capabilities)).containsExactly("resources");
        assertThat(capabilities.path("resources").path("subscribe").asBoolean()).isTrue();
        assertThat(capabilities.path("resources").path("listChanged").asBoolean()).isTrue();

        resources.remove("notes://today");
        assertThat(kinds(capabilities())).isEmpty();
    }

    @Test
    void aTemplateAloneMakesTheResourcesCapability() {
        templates.add(Specs.template("docs://{folder}/{name}", "docs"));
        JsonNode capabilities = capabilities();
        assertThat(kinds(capabilities)).containsExactly("resources");
        assertThat(capabilities.path("resources").path("subscribe").asBoolean()).isTrue();
        assertThat(capabilities.path("resources").path("listChanged").asBoolean()).isTrue();

        templates.remove("docs://{folder}/{name}");
        assertThat(kinds(capabilities())).isEmpty();
    }

    @Test
    void aPromptMakesThePromptsCapabilityAndACompletionTheCompletionsCapability() {
        prompts.add(Specs.prompt("greet", "name!", "style"));
        JsonNode capabilities = capabilities();
        assertThat(kinds(capabilities)).containsExactly("prompts");
        assertThat(capabilities.path("prompts").path("listChanged").asBoolean()).isTrue();

        completions.add(Specs.promptCompletion("greet", "style", invocation -> List.of("formal")));
        assertThat(kinds(capabilities())).containsExactlyInAnyOrder("prompts", "completions");
        assertThat(capabilities().path("completions").isObject()).isTrue();

        completions.remove(GREET_STYLE);
        assertThat(kinds(capabilities())).containsExactly("prompts");
    }

    private JsonNode capabilities() {
        JsonNode result = McpTestClient.create(port).initialize().result();
        return result.path("capabilities");
    }

    /** Which of tools, resources, prompts and completions are present. */
    private static List<String> kinds(JsonNode capabilities) {
        return List.of("tools", "resources", "prompts", "completions")
            .stream()
            .filter(capabilities::has)
            .toList();
    }
}
