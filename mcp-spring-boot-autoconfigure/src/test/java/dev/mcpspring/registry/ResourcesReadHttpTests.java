package dev.mcpspring.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.mcpspring.protocol.ErrorCodes;
import dev.mcpspring.testclient.McpResponse;
import dev.mcpspring.testclient.McpTestClient;
import tools.jackson.databind.JsonNode;

/** {@code resources/read} of fixed resources and of template expansions. */
@RegistryHttpTest
class ResourcesReadHttpTests extends RegistryHttpTestSupport {

    McpTestClient client;

    @BeforeEach
    void connect() {
        client = connected();
    }

    @Test
    void aFixedResourceIsReadByItsReader() {
        McpResponse response = read(client, "notes://today");

        JsonNode contents = response.result().path("contents").get(0);
        assertThat(contents.path("uri").asString()).isEqualTo("notes://today");
        assertThat(contents.path("mimeType").asString()).isEqualTo("text/plain");
        assertThat(contents.path("text").asString()).isEqualTo("contents of notes://today");
    }

    @Test
    void aFixedResourceWinsOverATemplateItAlsoMatches() {
        assertThat(readText(read(client, "docs://readme/index"))).isEqualTo("contents of docs://readme/index");
    }

    @Test
    void aTemplateExpansionIsReadWithItsVariablesBound() {
        McpResponse response = read(client, "docs://recipes/bread");

        assertThat(response.result().path("contents").get(0).path("uri").asString())
            .isEqualTo("docs://recipes/bread");
        assertThat(readText(response)).isEqualTo("template docs://{folder}/{name}: folder=recipes;name=bread");
    }

    @Test
    void templateVariablesArePercentDecoded() {
        McpResponse response = read(client, "docs://my%20folder/caf%C3%A9%2Fmenu+v2.md");

        assertThat(response.result().path("contents").get(0).path("uri").asString())
            .as("the uri is echoed as the client sent it")
            .isEqualTo("docs://my%20folder/caf%C3%A9%2Fmenu+v2.md");
        assertThat(readText(response))
            .isEqualTo("template docs://{folder}/{name}: folder=my folder;name=café/menu+v2.md");
    }

    @Test
    void queryVariablesAreBoundWhenPresentAndAbsentOtherwise() {
        assertThat(readText(read(client, "logs://2026-01-31?level=warn%2Berror")))
            .isEqualTo("template logs://{date}{?level}: date=2026-01-31;level=warn+error");
        assertThat(readText(read(client, "logs://2026-01-31")))
            .isEqualTo("template logs://{date}{?level}: date=2026-01-31");
    }

    @Test
    void anUnknownUriIsResourceNotFoundWithTheUriInData() {
        String uri = "nowhere://nothing/here";

        JsonNode error = rpcError(read(client, uri), ErrorCodes.RESOURCE_NOT_FOUND);

        assertThat(error.path("code").asInt()).isEqualTo(-32002);
        assertThat(error.path("message").asString()).contains(uri);
        assertThat(error.path("data").path("uri").asString()).isEqualTo(uri);
    }

    @Test
    void aUriThatOnlyResemblesATemplateIsNotFound() {
        // one segment too many for docs://{folder}/{name}
        String uri = "docs://guide/intro/extra";

        JsonNode error = rpcError(read(client, uri), ErrorCodes.RESOURCE_NOT_FOUND);

        assertThat(error.path("data").path("uri").asString()).isEqualTo(uri);
    }

    @Test
    void aTemplateReaderMaySayItsResourceDoesNotExist() {
        assertThat(readText(read(client, "users://ada/profile"))).isEqualTo("profile of ada");

        JsonNode error = rpcError(read(client, "users://ghost/profile"), ErrorCodes.RESOURCE_NOT_FOUND);

        assertThat(error.path("data").path("uri").asString()).isEqualTo("users://ghost/profile");
    }

    @Test
    void aMissingOrNonStringUriIsInvalidParams() {
        assertThat(rpcError(client.request("resources/read", Map.of()), ErrorCodes.INVALID_PARAMS)
            .path("message").asString()).contains("uri");
        assertThat(rpcError(client.request("resources/read", Map.of("uri", 42)), ErrorCodes.INVALID_PARAMS)
            .path("message").asString()).contains("uri");
    }
}
