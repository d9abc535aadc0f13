package dev.mcpspring.kotlin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.mcpspring.annotation.internal.AnnotatedMethodRegistrar;
import dev.mcpspring.protocol.McpJsonMapper;
import dev.mcpspring.server.internal.ServerRegistries;
import dev.mcpspring.testclient.McpResponse;
import dev.mcpspring.testclient.McpTestClient;
import dev.mcpspring.transport.McpTestApplication;
import tools.jackson.databind.JsonNode;

/**
 * Kotlin tools over real HTTP ({@code src/test/kotlin/dev/mcpspring/kotlin/KotlinTools.kt}), written as a Kotlin
 * developer writes them: nullable parameters and parameters with default values are optional in the schema and get
 * null or their default when the client leaves them out, also as properties of a data class; {@code suspend}
 * functions answer when they resume; a function taking a value class keeps its Kotlin name; what cannot work is
 * refused at start-up with a message saying what to do.
 */
@SpringBootTest(classes = { McpTestApplication.class, KotlinTools.class },
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class KotlinToolsHttpTests {

    @LocalServerPort
    int port;

    @Test
    void nullableParametersAndParametersWithDefaultsAreOptional() {
        Map<String, JsonNode> tools = tools();

        assertThat(required(tools.get("greet").path("inputSchema"))).containsExactly("name");
        assertThat(required(tools.get("describe").path("inputSchema"))).isEmpty();
        assertThat(required(tools.get("slowEcho").path("inputSchema"))).containsExactly("text");
        assertThat(required(tools.get("countDown").path("inputSchema"))).containsExactly("from");
    }

    @Test
    void anArgumentLeftOutGetsItsKotlinDefault() {
        McpTestClient client = connected();

        assertThat(text(client.callTool("greet", Map.of("name", "Ada")))).isEqualTo("Hello, Ada! Hello, Ada!");
        assertThat(text(client.callTool("greet", Map.of("name", "Ada", "title", "Dr", "times", 1))))
            .isEqualTo("Hello, Dr Ada!");
        assertThat(text(client.callTool("describe", Map.of()))).isEqualTo("count=null");
    }

    @Test
    void theOptionalPropertiesOfADataClassAreOptionalAndDescribedFromItsConstructorAndItsNonNullOnesAlwaysThere() {
        JsonNode request = tools().get("forecast").path("inputSchema").path("properties").path("request");

        assertThat(required(request)).containsExactly("city");
        assertThat(request.path("properties").path("city").path("description").asString())
            .isEqualTo("The city to forecast");
        assertThat(request.path("properties").path("unit").path("enum").toString())
            .isEqualTo("[\"CELSIUS\",\"FAHRENHEIT\"]");

        JsonNode output = tools().get("forecast").path("outputSchema");
        assertThat(required(output)).as("what Jackson always writes").containsExactly("city", "days");

        JsonNode forecast = connected().callTool("forecast", Map.of("request", Map.of("city", "Oslo"))).result();
        assertThat(forecast.path("isError").asBoolean(false)).as("%s", forecast).isFalse();
        assertThat(forecast.path("structuredContent").path("city").asString()).isEqualTo("Oslo");
        assertThat(forecast.path("structuredContent").path("days").asInt()).as("the data class's default").isEqualTo(3);
        assertThat(forecast.path("structuredContent").has("unit")).isFalse();
    }

    @Test
    void aSuspendFunctionAnswersWhenItResumes() {
        McpTestClient client = connected();

        assertThat(text(client.callTool("slowEcho", Map.of("text", "hello")))).isEqualTo("HELLO");
        JsonNode failed = client.callTool("slowFailure", Map.of()).result();
        assertThat(failed.path("isError").asBoolean()).as("%s", failed).isTrue();
    }

    @Test
    void aFunctionTakingAValueClassKeepsItsKotlinName() {
        assertThat(tools()).containsKey("byCity").noneSatisfy((name, tool) -> assertThat(name).contains("-"));

        assertThat(text(connected().callTool("byCity", Map.of("city", "Oslo")))).isEqualTo("found Oslo");
    }

    @Test
    void aKotlinToolReachesTheClientThroughItsPeerHandle() {
        McpResponse response = connected().callTool("countDown", Map.of("from", 3), "count");

        assertThat(response.notifications()).filteredOn(n -> n.path("method").asString().equals("notifications/progress"))
            .hasSize(3);
        assertThat(response.result().path("structuredContent").path("result").asInt(-1)).isZero();
    }

    @Test
    void aPromptArgumentWithADefaultIsOptional() {
        McpTestClient client = connected();

        JsonNode letter = client.request("prompts/list").result().path("prompts").get(0);
        assertThat(letter.path("arguments").get(1).path("name").asString()).isEqualTo("tone");
        assertThat(letter.path("arguments").get(1).path("required").asBoolean()).isFalse();
        JsonNode got = client.request("prompts/get", Map.of("name", "letter", "arguments", Map.of("recipient", "Bob")))
            .result();
        assertThat(got.path("messages").get(0).path("content").path("text").asString())
            .isEqualTo("Dear Bob, (neutral)");
    }

    @Test
    void aFlowResultIsRefusedAtStartUp() {
        assertThatThrownBy(() -> register(new FlowTools())).hasMessageContaining("numbers")
            .hasMessageContaining("declare a suspend function returning the value itself");
    }

    @Test
    void aNonNullParameterDeclaredNotRequiredWithoutDefaultIsRefusedAtStartUp() {
        assertThatThrownBy(() -> register(new NotRequiredWithoutDefaultTools()))
            .hasMessageContaining("'label' is not required, but Kotlin cannot call the function without it");
    }

    private static void register(Object tools) {
        new AnnotatedMethodRegistrar(ServerRegistries.empty(), McpJsonMapper.create()).register(tools);
    }

    private McpTestClient connected() {
        McpTestClient client = McpTestClient.create(port);
        client.connect();
        return client;
    }

    private Map<String, JsonNode> tools() {
        Map<String, JsonNode> tools = new java.util.LinkedHashMap<>();
        connected().listTools(null).result().path("tools").forEach(tool -> tools.put(tool.path("name").asString(), tool));
        return tools;
    }

    private static List<String> required(JsonNode schema) {
        return schema.path("required").valueStream().map(JsonNode::asString).toList();
    }

    private static String text(McpResponse response) {
        JsonNode result = response.result();
        assertThat(result.path("isError").asBoolean(false)).as("%s", result).isFalse();
        return result.path("content").get(0).path("text").asString();
    }
}
