package dev.mcpspring.test;

import java.io.UncheckedIOException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import dev.mcpspring.protocol.Content;
import dev.mcpspring.protocol.ElicitationResult;
import dev.mcpspring.protocol.ErrorCodes;
import dev.mcpspring.protocol.LoggingLevel;
import dev.mcpspring.protocol.Role;
import dev.mcpspring.protocol.Root;
import dev.mcpspring.protocol.SamplingRequest;
import dev.mcpspring.protocol.SamplingResult;
import dev.mcpspring.test.app.KitTools;
import dev.mcpspring.test.app.KitTools.Forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What the test client does, the same in-process and over HTTP, in both protocol eras: each subclass is one of
 * those four combinations.
 */
abstract class McpTestClientContractTests {

    @Autowired
    McpTestClient mcp;

    @Autowired
    KitTools tools;

    @Test
    void callsAToolAndAssertsOnItsText() {
        assertThat(mcp.callTool("echo", Map.of("text", "hello"))).isSuccessful().hasText("hello");
    }

    @Test
    void assertsOnStructuredContentAndItsOutputSchema() {
        McpResult result = mcp.callTool("forecast", Map.of("city", "Paris"));

        assertThat(result).isSuccessful()
            .structuredContentMatchesOutputSchema()
            .hasStructuredContent(new Forecast("Paris", 21))
            .hasStructuredContent("{\"city\":\"Paris\"}");
        assertThat(result).structuredContent().extractingPath("$.celsius").isEqualTo(21);
        assertThat(result.structuredContent(Forecast.class)).isEqualTo(new Forecast("Paris", 21));
    }

    @Test
    void listsTemplatesAndCompletesPromptAndTemplateArguments() {
        McpResult templates = mcp.listResourceTemplates();
        assertThat(templates).isSuccessful();
        assertThat(templates.result().at("/resourceTemplates/0/uriTemplate").asString())
            .isEqualTo("kit://cities/{name}");

        McpResult cities = mcp.completePromptArgument("trip", "city", "O", Map.of());
        assertThat(cities).isSuccessful();
        assertThat(cities.result().at("/completion/values").toString()).isEqualTo("[\"Oslo\",\"Ottawa\"]");

        McpResult names = mcp.completeResourceArgument("kit://cities/{name}", "name", "P", Map.of("country", "fr"));
        assertThat(names).isSuccessful();
        assertThat(names.result().at("/completion/values").toString()).isEqualTo("[\"Paris1\"]");
    }

    @Test
    void aToolErrorIsNotAJsonRpcError() {
        assertThat(mcp.callTool("broken")).isToolError().text().contains("the weather service is down");
    }

    @Test
    void badArgumentsAreAToolError() {
        assertThat(mcp.callTool("echo", Map.of("text", 42))).isToolError().text().contains("expected a string");
    }

    @Test
    void jsonRpcErrorsCarryTheirCode() {
        assertThat(mcp.callTool("no_such_tool")).hasErrorCode(-32602).hasErrorMessageContaining("no_such_tool");
    }

    @Test
    void progressAndLogMessagesOfACallAreRecorded() {
        mcp.logLevel(LoggingLevel.INFO);

        McpResult result = mcp.callTool("countdown", Map.of("from", 3));

        assertThat(result).isSuccessful().progress().hasSize(3)
            .extracting(McpNotification::message).containsExactly("at 3", "at 2", "at 1");
        assertThat(result).logs().extracting(McpNotification::message).containsExactly("lift-off");
        assertThat(mcp.notifications()).containsAll(result.notifications());
    }

    @Test
    void samplingIsAnsweredAsScripted() {
        AtomicReference<SamplingRequest> asked = new AtomicReference<>();
        mcp.onSampling(request -> {
            asked.set(request);
            return new SamplingResult(Role.ASSISTANT, List.of(Content.text("sunny")), "test-model", null, null);
        });

        assertThat(mcp.callTool("ask", Map.of("question", "weather?"))).isSuccessful()
            .hasText("the model says: sunny");
        assertThat(asked.get().maxTokens()).isEqualTo(100);
    }

    @Test
    void samplingIsAnsweredWithAFixedText() {
        mcp.onSampling("rainy");

        assertThat(mcp.callTool("ask", Map.of("question", "weather?"))).isSuccessful()
            .hasText("the model says: rainy");
    }

    @Test
    void elicitationIsAnsweredAsScripted() {
        mcp.onElicitation(request -> new ElicitationResult(ElicitationResult.Action.ACCEPT, Map.of("proceed", true),
                null));

        assertThat(mcp.callTool("confirm")).isSuccessful().hasText("confirmed");
    }

    @Test
    void rootsAreListedAsScripted() {
        mcp.roots(new Root("file:///work/a", "a"), new Root("file:///work/b", "b"));

        assertThat(mcp.callTool("roots")).isSuccessful().hasText("file:///work/a,file:///work/b");
    }

    @Test
    void theClientDeclaresTheCapabilitiesOfWhatIsScripted() {
        assertThat(mcp.callTool("support")).structuredContent()
            .isLenientlyEqualTo("{\"sampling\":false,\"elicitation\":false,\"roots\":false}");

        mcp.onSampling("yes").roots();

        assertThat(mcp.callTool("support")).structuredContent()
            .isLenientlyEqualTo("{\"sampling\":true,\"elicitation\":false,\"roots\":true}");
    }

    @Test
    void aToolCalledAsATaskHasItsQuestionsAnsweredAsScriptedAndEndsWithItsResultOrError() {
        mcp.onElicitation(request -> ElicitationResult.accept(Map.of("proceed", true)));
        int runs = tools.reportRuns.get();

        assertThat(mcp.callToolAsTask("report", Map.of("title", "Q3"))).isSuccessful()
            .hasText("report Q3: confirmed");
        assertThat(tools.reportRuns.get() - runs).as("a task runs its tool once, whatever it asks").isOne();
        assertThat(mcp.callToolAsTask("report", Map.of("title", "-"))).hasErrorCode(ErrorCodes.INVALID_PARAMS)
            .hasErrorMessageContaining("a report needs a title");
        assertThat(mcp.callToolAsTask("echo", Map.of("text", "not a task"))).as("a tool that never runs as a task")
            .isSuccessful().hasText("not a task");
    }

    @Test
    void aCapabilityAddedIsDeclaredBesidesTheScriptedOnesOrTheExplicitOnes() {
        mcp.onSampling("yes").clientCapability("elicitation", Map.of("form", Map.of()));
        assertThat(mcp.callTool("support")).structuredContent()
            .isLenientlyEqualTo("{\"sampling\":true,\"elicitation\":true,\"roots\":false}");

        mcp.clientCapabilities(Map.of("roots", Map.of()));
        assertThat(mcp.callTool("support")).structuredContent()
            .isLenientlyEqualTo("{\"sampling\":false,\"elicitation\":true,\"roots\":true}");
    }

    @Test
    void listChangesReachTheListeningStream() throws Exception {
        try (AutoCloseable listening = mcp.listen()) {
            assertThat(mcp.callTool("addTool", Map.of("name", "added_" + era()))).isSuccessful();

            mcp.awaitNotification("notifications/tools/list_changed");
        }
        assertThat(mcp.callTool("added_" + era())).isSuccessful().hasText("I am added_" + era());
    }

    @Test
    void aCallThatTakesLongerThanTheTimeOutFailsTheTest() {
        mcp.timeout(Duration.ofMillis(500));

        assertThatThrownBy(() -> mcp.callTool("slow", Map.of("millis", 5_000, "progressFirst", true)))
            .as("the response started (progress), then nothing came")
            .isInstanceOf(UncheckedIOException.class)
            .hasMessageContaining("failed")
            .hasStackTraceContaining("no response within PT0.5S");
        assertThatThrownBy(() -> mcp.callTool("slow", Map.of("millis", 5_000, "progressFirst", false)))
            .as("nothing at all came")
            .isInstanceOf(UncheckedIOException.class)
            .hasRootCauseInstanceOf(HttpTimeoutException.class);
        assertThat(Thread.currentThread().isInterrupted()).as("the test thread is not left interrupted").isFalse();
    }

    /** A name part that keeps the tools added by each subclass apart. */
    abstract String era();
}
