package dev.mcpspring.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.mcpspring.testclient.McpTestClient;
import dev.mcpspring.testclient.SseSubscription;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Adding an item whose key is taken, while the server runs, fails naming both declarations, and leaves the
 * registered item in place and unannounced.
 */
@RegistryHttpTest
class RuntimeDuplicateHttpTests extends RegistryHttpTestSupport {

    @AfterEach
    void removeMarker() {
        tools.remove("marker");
    }

    @Test
    void aDuplicateToolFailsNamingBothAndTheFirstStaysServed() {
        McpTestClient client = connected();
        try (SseSubscription stream = openStream(client)) {
            assertThatIllegalArgumentException().isThrownBy(() -> tools.add(Specs.tool("echo", "PluginTools.echo()")))
                .withMessageContaining("Duplicate MCP tool name 'echo'")
                .withMessageContaining("echoTool")
                .withMessageContaining("PluginTools.echo()");

            assertThat(client.callTool("echo", Map.of("text", "still")).result().path("content").get(0)
                .path("text").asString()).isEqualTo("echo:still");
            assertNothingAnnounced(stream);
        }
    }

    @Test
    void duplicateResourcesTemplatesAndPromptsFailNamingBoth() {
        McpTestClient client = connected();
        try (SseSubscription stream = openStream(client)) {
            assertThatIllegalArgumentException()
                .isThrownBy(() -> resources.add(Specs.resource("notes://today", "other", "PluginResources.today")))
                .withMessageContaining("'notes://today'")
                .withMessageContaining("todayResource")
                .withMessageContaining("PluginResources.today");
            assertThatIllegalArgumentException()
                .isThrownBy(() -> templates.add(Specs.template("logs://{date}{?level}", "other")))
                .withMessageContaining("'logs://{date}{?level}'")
                .withMessageContaining("logsTemplate");
            assertThatIllegalArgumentException().isThrownBy(() -> prompts.add(Specs.prompt("haiku")))
                .withMessageContaining("'haiku'")
                .withMessageContaining("haikuPrompt");

            assertThat(readText(read(client, "notes://today"))).isEqualTo("contents of notes://today");
            assertThat(readText(read(client, "logs://2026-01-01")))
                .isEqualTo("template logs://{date}{?level}: date=2026-01-01");
            assertNothingAnnounced(stream);
        }
    }

    @Test
    void anInvalidToolIsRefusedWithoutAnnouncement() {
        McpTestClient client = connected();
        try (SseSubscription stream = openStream(client)) {
            assertThatIllegalArgumentException().isThrownBy(() -> tools.add(Specs.tool("no spaces allowed")))
                .withMessageContaining("no spaces allowed");
            assertNothingAnnounced(stream);
        }
    }

    @Test
    void aToolWhoseHeaderMarkBreaksTheRulesOfSep2243IsRefusedWithoutAnnouncement() {
        McpTestClient client = connected();
        try (SseSubscription stream = openStream(client)) {
            assertThatIllegalArgumentException()
                .isThrownBy(() -> tools.add(Specs.tool("by_number", schema("number", "Amount"))))
                .withMessageContaining("by_number")
                .withMessageContaining("'number'");
            assertThatIllegalArgumentException()
                .isThrownBy(() -> tools.add(Specs.tool("bad_name", schema("string", "Re gion"))))
                .withMessageContaining("'Re gion'");
            ObjectNode twice = schema("string", "Region");
            ((ObjectNode) twice.get("properties")).putObject("zone").put("type", "string").put("x-mcp-header",
                    "REGION");
            assertThatIllegalArgumentException().isThrownBy(() -> tools.add(Specs.tool("twice", twice)))
                .withMessageContaining("'REGION'");
            ObjectNode inItems = JsonNodeFactory.instance.objectNode().put("type", "object");
            inItems.putObject("properties").putObject("regions").put("type", "array").set("items",
                    JsonNodeFactory.instance.objectNode().put("type", "string").put("x-mcp-header", "Region"));
            assertThatIllegalArgumentException().isThrownBy(() -> tools.add(Specs.tool("in_items", inItems)))
                .withMessageContaining("properties");
            assertNothingAnnounced(stream);
        }
        assertThat(client.listTools(null).result().path("tools").values())
            .extracting(tool -> tool.path("name").asString())
            .doesNotContain("by_number", "bad_name", "twice", "in_items");
    }

    /** An object schema with one property of {@code type} marked with {@code x-mcp-header: header}. */
    private static ObjectNode schema(String type, String header) {
        ObjectNode schema = JsonNodeFactory.instance.objectNode().put("type", "object");
        schema.putObject("properties").putObject("value").put("type", type).put("x-mcp-header", header);
        return schema;
    }

    /** The first message on the stream is the one a marker registration now causes, so nothing came before. */
    private void assertNothingAnnounced(SseSubscription stream) {
        tools.add(Specs.tool("marker"));
        assertThat(nextNotification(stream)).isEqualTo("notifications/tools/list_changed");
        assertThat(stream.events().stream().filter(event -> event.hasData())).hasSize(1);
    }
}
