package dev.mcpspring.registry;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import dev.mcpspring.testclient.McpTestClient;
import tools.jackson.databind.JsonNode;

/** The capabilities of a server with tools, resources, templates, prompts and completions registered. */
@RegistryHttpTest
class CapabilitiesHttpTests extends RegistryHttpTestSupport {

    @Test
    void everyRegisteredKindIsAdvertisedWithListChanged() {
        JsonNode capabilities = McpTestClient.create(port).initialize().result().path("capabilities");

        assertThat(capabilities.path("tools").path("listChanged").asBoolean()).isTrue();
        assertThat(capabilities.path("prompts").path("listChanged").asBoolean()).isTrue();
        assertThat(capabilities.path("resources").path("listChanged").asBoolean()).isTrue();
        assertThat(capabilities.path("resources").path("subscribe").asBoolean()).isTrue();
        assertThat(capabilities.path("completions").isObject()).as("completions in %s", capabilities).isTrue();
    }

    @Test
    void theOlderRevisionsGetTheSameCapabilities() {
        JsonNode latest = McpTestClient.create(port).initialize().result().path("capabilities");

        for (String version : new String[] { "2025-03-26", "2025-06-18" }) {
            assertThat(McpTestClient.create(port).initialize(version).result().path("capabilities"))
                .as("capabilities of %s", version)
                .isEqualTo(latest);
        }
    }
}
