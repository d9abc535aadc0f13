package dev.mcpspring.annotation;

import static dev.mcpspring.annotation.TestTools.call;
import static dev.mcpspring.annotation.TestTools.errorText;
import static dev.mcpspring.annotation.TestTools.successText;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import dev.mcpspring.annotation.internal.AnnotatedMethodRegistrar;
import dev.mcpspring.protocol.CallToolResult;
import dev.mcpspring.protocol.GetPromptResult;
import dev.mcpspring.protocol.ReadResourceResult;
import dev.mcpspring.protocol.ResourceContents;
import dev.mcpspring.server.McpRequestContext;
import dev.mcpspring.server.PeerHandle;
import dev.mcpspring.server.PromptInvocation;
import dev.mcpspring.server.ResourceRead;
import dev.mcpspring.server.ToolSpecification;
import dev.mcpspring.server.internal.ServerRegistries;
import reactor.core.publisher.Mono;

/** Tool, resource and prompt methods that answer later: {@code CompletableFuture}, {@code CompletionStage}, {@code Mono}. */
class AsyncResultsTests {

    record Forecast(String city, double temperature) {
    }

    static class Tools {

        final CompletableFuture<Forecast> pending = new CompletableFuture<>();

        @McpTool(description = "Answers from another thread")
        CompletableFuture<String> later(String text) {
            return CompletableFuture.supplyAsync(() -> text.toUpperCase());
        }

        @McpTool(description = "A record, later")
        CompletionStage<Forecast> forecast(String city) {
            return CompletableFuture.completedFuture(new Forecast(city, 21.5));
        }

        @McpTool(description = "Fails later")
        CompletableFuture<String> failsLater() {
            return CompletableFuture.failedFuture(new IllegalStateException("the weather service is down"));
        }

        @McpTool(description = "Never answers by itself")
        CompletableFuture<Forecast> waits() {
            return pending;
        }

        @McpTool(description = "Answers with a Mono")
        Mono<Forecast> reactive(String city) {
            return Mono.fromSupplier(() -> new Forecast(city, 3.5));
        }

        @McpResource(uri = "notes://later", description = "A note, later")
        CompletableFuture<String> note() {
            return CompletableFuture.supplyAsync(() -> "buy milk");
        }

        @McpPrompt(description = "A greeting, later")
        CompletionStage<String> greet(String name) {
            return CompletableFuture.supplyAsync(() -> "Say hello to " + name);
        }
    }

    private final Tools tools = new Tools();

    @Test
    void aToolAnswersWithWhatItsFutureCompletesWith() {
        assertThat(successText(call(TestTools.tool(tools, "later"), "{\"text\":\"abc\"}"))).isEqualTo("ABC");
    }

    @Test
    void theValueOfAFutureIsMappedAsIfReturnedStructuredContentAndSchemaIncluded() {
        ToolSpecification forecast = TestTools.tool(tools, "forecast");

        CallToolResult result = call(forecast, "{\"city\":\"Oslo\"}");

        assertThat(forecast.tool().outputSchema().path("properties").has("temperature")).isTrue();
        assertThat(JsonSchemas.MAPPER.valueToTree(result.structuredContent()).toString())
            .isEqualTo("{\"city\":\"Oslo\",\"temperature\":21.5}");
    }

    @Test
    void aMonoIsAwaitedToo() {
        ToolSpecification reactive = TestTools.tool(tools, "reactive");

        CallToolResult result = call(reactive, "{\"city\":\"Bergen\"}");

        assertThat(reactive.tool().outputSchema().path("properties").has("city")).isTrue();
        assertThat(JsonSchemas.MAPPER.valueToTree(result.structuredContent()).toString())
            .isEqualTo("{\"city\":\"Bergen\",\"temperature\":3.5}");
    }

    @Test
    void aFailedFutureIsAToolError() {
        assertThat(errorText(call(TestTools.tool(tools, "failsLater"), "{}")))
            .contains("the weather service is down");
    }

    @Test
    void cancellingTheRequestCancelsTheFuture() throws Exception {
        McpRequestContext context = mock(McpRequestContext.class);
        PeerHandle peer = mock(PeerHandle.class);
        when(context.peer()).thenReturn(peer);
        AtomicReference<Runnable> onCancel = new AtomicReference<>();
        CountDownLatch registered = new CountDownLatch(1);
        doAnswer(invocation -> {
            onCancel.set(invocation.getArgument(0));
            registered.countDown();
            return null;
        }).when(peer).onCancel(any());
        CompletableFuture<CallToolResult> call = CompletableFuture
            .supplyAsync(() -> call(TestTools.tool(tools, "waits"), "{}", context));

        assertThat(registered.await(5, TimeUnit.SECONDS)).isTrue();
        onCancel.get().run();

        assertThat(tools.pending.isCancelled()).isTrue();
        assertThat(errorText(call.get(5, TimeUnit.SECONDS))).contains("cancelled");
    }

    @Test
    void resourcesAndPromptsMayAnswerLaterToo() {
        ServerRegistries registries = ServerRegistries.empty();
        new AnnotatedMethodRegistrar(registries, JsonSchemas.MAPPER).register(tools);

        ReadResourceResult note = registries.resources().find("notes://later").orElseThrow().reader()
            .read(new ResourceRead("notes://later", Map.of(), mock(McpRequestContext.class)));
        GetPromptResult greeting = registries.prompts().find("greet").orElseThrow().handler()
            .get(new PromptInvocation(Map.of("name", "Ada"), mock(McpRequestContext.class)));

        assertThat(((ResourceContents.Text) note.contents().get(0)).text()).isEqualTo("buy milk");
        assertThat(JsonSchemas.MAPPER.valueToTree(greeting.messages().get(0)).path("content").path("text").asString())
            .isEqualTo("Say hello to Ada");
    }
}
