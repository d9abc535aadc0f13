package dev.mcpspring.annotation;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.mcpspring.annotation.internal.AnnotatedMethodRegistrar;
import dev.mcpspring.protocol.Content;
import dev.mcpspring.protocol.ErrorCodes;
import dev.mcpspring.protocol.GetPromptResult;
import dev.mcpspring.protocol.McpException;
import dev.mcpspring.protocol.Prompt;
import dev.mcpspring.protocol.PromptMessage;
import dev.mcpspring.protocol.ResourceContents;
import dev.mcpspring.protocol.Role;
import dev.mcpspring.server.McpRequestContext;
import dev.mcpspring.server.PeerHandle;
import dev.mcpspring.server.PromptInvocation;
import dev.mcpspring.server.PromptSpecification;
import dev.mcpspring.server.internal.ServerRegistries;
import org.junit.jupiter.api.Test;
import org.jspecify.annotations.Nullable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

class PromptAnnotationTests {

    private static ServerRegistries register(Object... objects) {
        ServerRegistries registries = ServerRegistries.empty();
        new AnnotatedMethodRegistrar(registries, JsonSchemas.MAPPER).register(objects);
        return registries;
    }

    private static String failure(Object object) {
        try {
            register(object);
        }
        catch (IllegalStateException ex) {
            return ex.getMessage();
        }
        throw new AssertionError("registered without a problem");
    }

    private static PromptSpecification prompt(Object object, String name) {
        return register(object).prompts().find(name).orElseThrow(() -> new AssertionError("no prompt " + name));
    }

    private static GetPromptResult get(Object object, String name, Map<String, String> arguments) {
        return prompt(object, name).handler().get(new PromptInvocation(arguments, mock(McpRequestContext.class)));
    }

    private static String json(Object value) {
        return JsonSchemas.MAPPER.writeValueAsString(value);
    }

    enum Level {
        BEGINNER, EXPERT
    }

    static class Prompts {

        @McpPrompt(name = "code-review", title = "Code review", description = "Review a piece of code",
                icons = @McpIcon(src = "data:image/png;base64,AAAA", mimeType = "image/png"))
        List<PromptMessage> review(
                @McpPromptArgument(title = "Code", description = "The code to review") String code,
                @McpPromptArgument(name = "lang", description = "Its language", required = false) String language,
                Optional<Level> level, @Nullable Integer depth, McpRequestContext context, PeerHandle peer) {
            return List.of(PromptMessage.user("Review this " + (language == null ? "code" : language) + " for "
                    + level.map(Enum::name).orElse("anyone") + " at depth " + depth + ":\n" + code),
                    PromptMessage.assistant("Sure, I will look at it."));
        }

        @McpPrompt
        String greeting(String name) {
            return "Say hello to " + name;
        }

        @McpPrompt(description = "No arguments")
        PromptMessage single() {
            return new PromptMessage(Role.ASSISTANT, Content.text("I am ready"));
        }

        @McpPrompt
        Content image() {
            return Content.image("iVBORw0KGgo=", "image/png");
        }

        @McpPrompt
        List<Content> media(int count) {
            return List.of(Content.text("count " + count), Content.audio("UklGRg==", "audio/wav"),
                    Content.resource(new ResourceContents.Text("docs://guide", "text/markdown", "# Guide")));
        }

        @McpPrompt(description = "From the annotation")
        GetPromptResult result() {
            return GetPromptResult.of(PromptMessage.user("as given"));
        }

        @McpPrompt(description = "From the annotation")
        GetPromptResult described() {
            return new GetPromptResult("From the method", List.of(), null);
        }

        @McpPrompt
        List<String> lines() {
            return List.of("one", "two");
        }

        @McpPrompt
        String nothing() {
            return null;
        }

        @McpPrompt
        String session(McpRequestContext context) {
            return "session " + context.sessionId();
        }

        @McpPrompt
        String broken() {
            throw new IllegalStateException("secret connection string");
        }

        @McpPrompt
        String refused() {
            throw McpException.invalidParams("Not for you");
        }
    }

    @Test
    void listsThePromptWithItsArguments() {
        Prompt review = prompt(new Prompts(), "code-review").prompt();

        assertThat(json(review)).isEqualTo("{\"name\":\"code-review\",\"title\":\"Code review\","
                + "\"description\":\"Review a piece of code\",\"arguments\":["
                + "{\"name\":\"code\",\"title\":\"Code\",\"description\":\"The code to review\",\"required\":true},"
                + "{\"name\":\"lang\",\"description\":\"Its language\",\"required\":false},"
                + "{\"name\":\"level\",\"required\":false},{\"name\":\"depth\",\"required\":false}],"
                + "\"icons\":[{\"src\":\"data:image/png;base64,AAAA\",\"mimeType\":\"image/png\"}]}");
    }

    @Test
    void namesDefaultToTheMethodAndPromptsWithoutArgumentsListNone() {
        ServerRegistries registries = register(new Prompts());

        assertThat(registries.prompts().list()).extracting(p -> p.prompt().name()).contains("greeting", "single");
        assertThat(json(registries.prompts().find("single").orElseThrow().prompt()))
            .isEqualTo("{\"name\":\"single\",\"description\":\"No arguments\"}");
        assertThat(registries.prompts().find("greeting").orElseThrow().source())
            .isEqualTo("PromptAnnotationTests.Prompts.greeting(String)");
    }

    @Test
    void bindsArgumentsByNameConvertingThem() {
        GetPromptResult result = get(new Prompts(), "code-review",
                Map.of("code", "x++", "lang", "C", "level", "EXPERT", "depth", "2"));

        assertThat(result.description()).isEqualTo("Review a piece of code");
        assertThat(result.messages()).containsExactly(PromptMessage.user("Review this C for EXPERT at depth 2:\nx++"),
                PromptMessage.assistant("Sure, I will look at it."));
        assertThat(get(new Prompts(), "code-review", Map.of("code", "x++")).messages().get(0))
            .isEqualTo(PromptMessage.user("Review this code for anyone at depth null:\nx++"));
    }

    @Test
    void anArgumentThatCannotBeConvertedIsInvalidParamsNamingIt() {
        assertThatExceptionOfType(McpException.class)
            .isThrownBy(() -> get(new Prompts(), "code-review", Map.of("code", "x", "level", "GURU", "depth", "deep")))
            .satisfies(ex -> {
                assertThat(ex.code()).isEqualTo(ErrorCodes.INVALID_PARAMS);
                assertThat(ex.getMessage()).startsWith("Invalid arguments for prompt 'code-review': 'level': expected"
                        + " one of")
                    .endsWith("; 'depth': expected an integer, got \"deep\"");
            });
        assertThatExceptionOfType(McpException.class).isThrownBy(() -> get(new Prompts(), "greeting", Map.of()))
            .withMessage("Invalid arguments for prompt 'greeting': 'name' is required");
    }

    @Test
    void aStringIsOneUserMessage() {
        assertThat(get(new Prompts(), "greeting", Map.of("name", "Ada")).messages())
            .containsExactly(PromptMessage.user("Say hello to Ada"));
        assertThat(get(new Prompts(), "lines", Map.of()).messages())
            .containsExactly(PromptMessage.user("one"), PromptMessage.user("two"));
        assertThat(get(new Prompts(), "nothing", Map.of()).messages()).isEmpty();
    }

    @Test
    void contentBecomesUserMessages() {
        assertThat(get(new Prompts(), "image", Map.of()).messages())
            .containsExactly(new PromptMessage(Role.USER, Content.image("iVBORw0KGgo=", "image/png")));
        assertThat(json(get(new Prompts(), "media", Map.of("count", "3")).messages())).isEqualTo("["
                + "{\"role\":\"user\",\"content\":{\"type\":\"text\",\"text\":\"count 3\"}},"
                + "{\"role\":\"user\",\"content\":{\"type\":\"audio\",\"data\":\"UklGRg==\","
                + "\"mimeType\":\"audio/wav\"}},"
                + "{\"role\":\"user\",\"content\":{\"type\":\"resource\",\"resource\":{\"uri\":\"docs://guide\","
                + "\"mimeType\":\"text/markdown\",\"text\":\"# Guide\"}}}]");
    }

    @Test
    void messagesAndResultsAreUsedAsGiven() {
        assertThat(get(new Prompts(), "single", Map.of()))
            .isEqualTo(new GetPromptResult("No arguments", List.of(PromptMessage.assistant("I am ready")), null));
        assertThat(get(new Prompts(), "result", Map.of()))
            .isEqualTo(new GetPromptResult("From the annotation", List.of(PromptMessage.user("as given")), null));
        assertThat(get(new Prompts(), "described", Map.of()).description()).isEqualTo("From the method");
    }

    @Test
    void injectsTheRequestContext() {
        McpRequestContext context = mock(McpRequestContext.class);
        when(context.sessionId()).thenReturn("s-7");

        assertThat(prompt(new Prompts(), "session").handler().get(new PromptInvocation(Map.of(), context)).messages())
            .containsExactly(PromptMessage.user("session s-7"));
    }

    @Test
    void aFailureIsAnInternalErrorThatHidesTheException() {
        assertThatExceptionOfType(McpException.class).isThrownBy(() -> get(new Prompts(), "broken", Map.of()))
            .satisfies(ex -> {
                assertThat(ex.code()).isEqualTo(ErrorCodes.INTERNAL_ERROR);
                assertThat(ex.getMessage()).isEqualTo("Internal error while getting prompt 'broken'");
            });
        assertThatExceptionOfType(McpException.class).isThrownBy(() -> get(new Prompts(), "refused", Map.of()))
            .satisfies(ex -> {
                assertThat(ex.code()).isEqualTo(ErrorCodes.INVALID_PARAMS);
                assertThat(ex.getMessage()).isEqualTo("Not for you");
            });
    }

    // ---- startup failures ------------------------------------------------------------------------------------

    static class DuplicateArgument {

        @McpPrompt
        String twice(String topic, @McpPromptArgument(name = "topic") String other) {
            return "";
        }
    }

    static class UnsupportedReturn {

        @McpPrompt
        Map<String, String> map() {
            return Map.of();
        }
    }

    static class UnconvertibleArgument {

        @McpPrompt
        String list(List<String> items) {
            return "";
        }
    }

    static class DuplicateName {

        @McpPrompt(name = "same")
        String one() {
            return "";
        }

        @McpPrompt(name = "same")
        String two() {
            return "";
        }
    }

    @Test
    void invalidPromptMethodsFailStartup() {
        assertThat(failure(new DuplicateArgument())).isEqualTo("Cannot register @McpPrompt method"
                + " PromptAnnotationTests.DuplicateArgument.twice(String, String): two of its parameters have the name"
                + " 'topic'");
        assertThat(failure(new UnsupportedReturn())).isEqualTo("Cannot register @McpPrompt method"
                + " PromptAnnotationTests.UnsupportedReturn.map(): its return type"
                + " java.util.Map<java.lang.String, java.lang.String> is not supported: a prompt method returns a"
                + " String, a Content, a PromptMessage, a list or array of them, or a GetPromptResult");
        assertThat(failure(new UnconvertibleArgument())).isEqualTo("Cannot register @McpPrompt method"
                + " PromptAnnotationTests.UnconvertibleArgument.list(List): its parameter 'items' of type"
                + " java.util.List<java.lang.String> cannot be converted from a string: use String, a number,"
                + " boolean, enum, UUID, URI, java.time type or another type Jackson reads from a JSON string");
        assertThat(failure(new DuplicateName())).contains("Duplicate MCP prompt name 'same': declared by"
                + " PromptAnnotationTests.DuplicateName.one() and by PromptAnnotationTests.DuplicateName.two()");
    }
}
