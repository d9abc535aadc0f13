package dev.mcpspring.annotation;

import java.util.Base64;
import java.util.List;
import java.util.Map;

import dev.mcpspring.testclient.McpResponse;
import dev.mcpspring.testclient.McpTestClient;
import dev.mcpspring.transport.McpTestApplication;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The annotated methods of {@link Library} over real HTTP with the test client: {@code resources/list},
 * {@code resources/templates/list}, {@code resources/read} of text, blobs and templates, {@code prompts/list},
 * {@code prompts/get}, {@code completion/complete}, and the errors of each.
 */
@SpringBootTest(classes = { McpTestApplication.class, Library.class },
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AnnotatedMethodsHttpTests {

    @LocalServerPort
    int port;

    McpTestClient client;

    JsonNode initializeResult;

    @BeforeEach
    void connect() {
        client = McpTestClient.create(port);
        initializeResult = client.connect().result();
    }

    private JsonNode result(String method, Object params) {
        return client.request(method, params).result();
    }

    /** Asserts a JSON-RPC error without implementation details, and returns it. */
    private JsonNode error(String method, Object params, int code) {
        McpResponse response = client.request(method, params);
        JsonNode error = response.error();
        assertThat(error.path("code").asInt()).as("code in %s", response).isEqualTo(code);
        assertThat(response.body()).as("body of %s", response)
            .doesNotContain("Exception")
            .doesNotContain("\tat ")
            .doesNotContain("java.")
            .doesNotContain("dev.mcpspring")
            .doesNotContain("password")
            .doesNotContain("/var/lib");
        return error;
    }

    private static JsonNode read(JsonNode result) {
        assertThat(result.path("contents").size()).as("contents of %s", result).isEqualTo(1);
        return result.path("contents").get(0);
    }

    private static List<String> strings(JsonNode array) {
        return array.valueStream().map(JsonNode::asString).toList();
    }

    @Test
    void initializeAnnouncesResourcesPromptsAndCompletions() {
        JsonNode capabilities = initializeResult.path("capabilities");

        assertThat(capabilities.path("resources").path("subscribe").asBoolean()).isTrue();
        assertThat(capabilities.path("resources").path("listChanged").asBoolean()).isTrue();
        assertThat(capabilities.path("prompts").path("listChanged").asBoolean()).isTrue();
        assertThat(capabilities.has("completions")).isTrue();
    }

    // ---- resources -------------------------------------------------------------------------------------------

    @Test
    void listsTheFixedResourcesWithTheirMetadata() {
        JsonNode resources = result("resources/list", Map.of()).path("resources");

        assertThat(resources.valueStream().map(r -> r.path("uri").asString()).toList())
            .containsExactly("library://logo", "library://readme", "library://vault");
        JsonNode readme = resources.get(1);
        assertThat(readme.toString()).isEqualTo("{\"uri\":\"library://readme\",\"name\":\"readme\","
                + "\"title\":\"Read me\",\"description\":\"How the library works\",\"mimeType\":\"text/markdown\","
                + "\"size\":24,\"annotations\":{\"audience\":[\"user\",\"assistant\"],\"priority\":0.9,"
                + "\"lastModified\":\"2025-06-18T10:00:00Z\"},\"icons\":[{\"src\":\"https://example.com/library.png\","
                + "\"mimeType\":\"image/png\",\"sizes\":[\"48x48\"]}]}");
        assertThat(resources.get(0).path("mimeType").asString()).isEqualTo("image/png");
    }

    @Test
    void listsTheTemplates() {
        JsonNode templates = result("resources/templates/list", Map.of()).path("resourceTemplates");

        assertThat(templates.valueStream().map(t -> t.path("uriTemplate").asString()).toList()).containsExactly(
                "library://books/{isbn}", "library://files/{+path}",
                "library://shelves/{shelf}/books/{position}{?format}");
        assertThat(templates.get(0).toString()).isEqualTo("{\"uriTemplate\":\"library://books/{isbn}\","
                + "\"name\":\"book\",\"description\":\"A book by its ISBN\",\"mimeType\":\"application/json\"}");
    }

    @Test
    void readsText() {
        JsonNode contents = read(result("resources/read", Map.of("uri", "library://readme")));

        assertThat(contents.toString()).isEqualTo("{\"uri\":\"library://readme\",\"mimeType\":\"text/markdown\","
                + "\"text\":\"# Library\\nAsk for a book.\"}");
    }

    @Test
    void readsABlob() {
        JsonNode contents = read(result("resources/read", Map.of("uri", "library://logo")));

        assertThat(contents.path("uri").asString()).isEqualTo("library://logo");
        assertThat(contents.path("mimeType").asString()).isEqualTo("image/png");
        assertThat(contents.has("text")).isFalse();
        assertThat(Base64.getDecoder().decode(contents.path("blob").asString())).isEqualTo(Library.LOGO);
    }

    @Test
    void readsTemplatesWithBoundVariables() {
        JsonNode book = read(result("resources/read", Map.of("uri", "library://books/978-0134685991")));
        assertThat(book.toString()).isEqualTo("{\"uri\":\"library://books/978-0134685991\","
                + "\"mimeType\":\"application/json\",\"text\":\"{\\\"isbn\\\":\\\"978-0134685991\\\","
                + "\\\"title\\\":\\\"Effective Java\\\",\\\"year\\\":2018}\"}");

        JsonNode shelved = read(result("resources/read", Map.of("uri", "library://shelves/2/books/7?format=JSON")));
        assertThat(shelved.path("text").asString()).isEqualTo("shelf 2, position 7 as JSON for session true");
        assertThat(read(result("resources/read", Map.of("uri", "library://shelves/2/books/7"))).path("text")
            .asString()).isEqualTo("shelf 2, position 7 as TEXT for session true");

        JsonNode file = read(result("resources/read", Map.of("uri", "library://files/a/b%20c.txt")));
        assertThat(file.toString()).isEqualTo("{\"uri\":\"library://files/a/b%20c.txt\",\"mimeType\":\"text/plain\","
                + "\"text\":\"file a/b c.txt\"}");
    }

    @Test
    void anUnknownUriIsResourceNotFoundWithTheUriInData() {
        for (String uri : List.of("library://nothing-here", "library://books/000", "library://shelves/two/books/1")) {
            JsonNode error = error("resources/read", Map.of("uri", uri), -32002);
            assertThat(error.path("message").asString()).startsWith("Resource not found: " + uri);
            assertThat(error.path("data").path("uri").asString()).isEqualTo(uri);
        }
        assertThat(error("resources/read", Map.of("uri", "library://shelves/two/books/1"), -32002).path("message")
            .asString()).isEqualTo("Resource not found: library://shelves/two/books/1 ('shelf': expected an integer,"
                    + " got \"two\")");
    }

    @Test
    void aFailingResourceMethodIsAnInternalErrorWithoutDetails() {
        JsonNode error = error("resources/read", Map.of("uri", "library://vault"), -32603);

        assertThat(error.path("message").asString()).isEqualTo("Internal error while reading resource"
                + " 'library://vault'");
        assertThat(error.path("data").path("uri").asString()).isEqualTo("library://vault");
    }

    // ---- prompts ---------------------------------------------------------------------------------------------

    @Test
    void listsThePromptsWithTheirArguments() {
        JsonNode prompts = result("prompts/list", Map.of()).path("prompts");

        assertThat(prompts.valueStream().map(p -> p.path("name").asString()).toList())
            .containsExactly("cover", "haiku", "overdue", "recommend");
        assertThat(prompts.get(3).toString()).isEqualTo("{\"name\":\"recommend\",\"title\":\"Recommend books\","
                + "\"description\":\"Recommend books of a genre\",\"arguments\":["
                + "{\"name\":\"genre\",\"title\":\"Genre\",\"description\":\"The genre to recommend from\","
                + "\"required\":true},{\"name\":\"count\",\"description\":\"How many books\",\"required\":false}]}");
        assertThat(prompts.get(1).toString()).isEqualTo("{\"name\":\"haiku\"}");
    }

    @Test
    void getsAPromptWithItsArguments() {
        JsonNode result = result("prompts/get",
                Map.of("name", "recommend", "arguments", Map.of("genre", "satire", "count", "2")));

        assertThat(result.toString()).isEqualTo("{\"description\":\"Recommend books of a genre\",\"messages\":["
                + "{\"role\":\"user\",\"content\":{\"type\":\"text\",\"text\":\"Recommend 2 satire books.\"}},"
                + "{\"role\":\"assistant\",\"content\":{\"type\":\"text\",\"text\":\"Which era do you prefer?\"}}]}");
        assertThat(result("prompts/get", Map.of("name", "recommend", "arguments", Map.of("genre", "poetry")))
            .path("messages").get(0).path("content").path("text").asString()).isEqualTo("Recommend 3 poetry books.");
        assertThat(result("prompts/get", Map.of("name", "haiku")).path("messages").get(0).toString())
            .isEqualTo("{\"role\":\"user\",\"content\":{\"type\":\"text\","
                    + "\"text\":\"Write a haiku about libraries.\"}}");
    }

    @Test
    void getsAPromptWithImageAudioAndEmbeddedResourceContent() {
        JsonNode messages = result("prompts/get", Map.of("name", "cover", "arguments", Map.of("isbn", "978-1")))
            .path("messages");

        assertThat(messages.valueStream().map(m -> m.path("role").asString()).distinct().toList())
            .containsExactly("user");
        assertThat(messages.valueStream().map(m -> m.path("content").path("type").asString()).toList())
            .containsExactly("text", "image", "audio", "resource");
        assertThat(messages.get(1).path("content").toString())
            .isEqualTo("{\"type\":\"image\",\"data\":\"iVBORw0KGgo=\",\"mimeType\":\"image/png\"}");
        assertThat(messages.get(2).path("content").toString())
            .isEqualTo("{\"type\":\"audio\",\"data\":\"UklGRg==\",\"mimeType\":\"audio/wav\"}");
        assertThat(messages.get(3).path("content").path("resource").toString()).isEqualTo("{\"uri\":"
                + "\"library://books/978-1\",\"mimeType\":\"application/json\","
                + "\"text\":\"{\\\"isbn\\\":\\\"978-1\\\"}\"}");
    }

    @Test
    void aMissingRequiredArgumentIsInvalidParamsNamingIt() {
        JsonNode error = error("prompts/get", Map.of("name", "recommend", "arguments", Map.of("count", "2")),
                -32602);

        assertThat(error.path("message").asString()).isEqualTo("Missing required argument 'genre' of prompt"
                + " 'recommend'");
    }

    @Test
    void anArgumentOfTheWrongTypeIsInvalidParamsNamingIt() {
        JsonNode error = error("prompts/get",
                Map.of("name", "recommend", "arguments", Map.of("genre", "poetry", "count", "many")), -32602);

        assertThat(error.path("message").asString()).isEqualTo("Invalid arguments for prompt 'recommend': 'count':"
                + " expected an integer, got \"many\"");
    }

    @Test
    void aFailingPromptMethodIsAnInternalErrorWithoutDetails() {
        JsonNode error = error("prompts/get", Map.of("name", "overdue"), -32603);

        assertThat(error.path("message").asString()).isEqualTo("Internal error while getting prompt 'overdue'");
    }

    // ---- completions -----------------------------------------------------------------------------------------

    @Test
    void completesAPromptArgument() {
        JsonNode completion = result("completion/complete", Map.of("ref", Map.of("type", "ref/prompt", "name",
                "recommend"), "argument", Map.of("name", "genre", "value", "sci"))).path("completion");

        assertThat(completion.toString())
            .isEqualTo("{\"values\":[\"science\",\"science fiction\"],\"total\":2,\"hasMore\":false}");
    }

    @Test
    void completesATemplateVariableWithTheContextArguments() {
        JsonNode completion = result("completion/complete",
                Map.of("ref",
                        Map.of("type", "ref/resource", "uri", "library://shelves/{shelf}/books/{position}{?format}"),
                        "argument", Map.of("name", "position", "value", ""),
                        "context", Map.of("arguments", Map.of("shelf", "3"))))
            .path("completion");

        assertThat(strings(completion.path("values"))).containsExactly("1", "2", "3", "4", "5", "6");
    }

    @Test
    void sendsAtMostAHundredValuesWithTheTotal() {
        JsonNode completion = result("completion/complete", Map.of("ref", Map.of("type", "ref/resource", "uri",
                "library://books/{isbn}"), "argument", Map.of("name", "isbn", "value", "978-"))).path("completion");

        assertThat(strings(completion.path("values"))).hasSize(100).startsWith("978-0000000000")
            .endsWith("978-0000000099");
        assertThat(completion.path("total").asInt()).isEqualTo(250);
        assertThat(completion.path("hasMore").asBoolean()).isTrue();
    }
}
