package dev.mcpspring.annotation;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import dev.mcpspring.annotation.internal.AnnotatedMethodRegistrar;
import dev.mcpspring.protocol.CompleteRequest;
import dev.mcpspring.protocol.CompleteResult;
import dev.mcpspring.protocol.McpException;
import dev.mcpspring.protocol.Prompt;
import dev.mcpspring.protocol.PromptMessage;
import dev.mcpspring.server.CompletionInvocation;
import dev.mcpspring.server.CompletionSpecification;
import dev.mcpspring.server.McpRequestContext;
import dev.mcpspring.server.PeerHandle;
import dev.mcpspring.server.PromptSpecification;
import dev.mcpspring.server.internal.ServerRegistries;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.mockito.Mockito.mock;

class CompletionAnnotationTests {

    private static ServerRegistries register(Object... objects) {
        return register(ServerRegistries.empty(), objects);
    }

    private static ServerRegistries register(ServerRegistries registries, Object... objects) {
        new AnnotatedMethodRegistrar(registries, JsonSchemas.MAPPER).register(objects);
        return registries;
    }

    private static String failure(Object... objects) {
        try {
            register(objects);
        }
        catch (IllegalStateException ex) {
            return ex.getMessage();
        }
        throw new AssertionError("registered without a problem");
    }

    private static CompleteResult complete(ServerRegistries registries, String refType, String ref, String argument,
            String value, Map<String, String> chosen) {
        CompletionSpecification completion = registries.completions().find(refType, ref, argument)
            .orElseThrow(() -> new AssertionError("no completion of " + ref + " " + argument));
        return completion.handler()
            .result(new CompletionInvocation(argument, value, chosen, mock(McpRequestContext.class)));
    }

    static final List<String> LANGUAGES = List.of("java", "javascript", "kotlin", "python");

    static class Review {

        @McpPrompt
        String review(String language, String code) {
            return code;
        }

        @McpComplete(prompt = "review", argument = "language")
        List<String> languages(String prefix) {
            return LANGUAGES.stream().filter(language -> language.startsWith(prefix)).toList();
        }

        @McpResource(uri = "repos://{owner}/{repo}")
        String repo(String owner, String repo) {
            return owner + "/" + repo;
        }

        @McpComplete(resource = "repos://{owner}/{repo}", argument = "repo")
        Stream<String> repos(Map<String, String> chosen, String prefix, McpRequestContext context, PeerHandle peer) {
            return IntStream.range(0, 150).mapToObj(i -> chosen.getOrDefault("owner", "nobody") + "-" + i)
                .filter(repo -> repo.startsWith(prefix));
        }

        @McpComplete(resource = "repos://{owner}/{repo}", argument = "owner")
        CompleteResult owners(CompletionInvocation invocation) {
            return new CompleteResult(new CompleteResult.Completion(List.of(invocation.value() + "-org"), 5000, true),
                    null);
        }

        @McpComplete(prompt = "review", argument = "code")
        String[] snippets() {
            return new String[] { "a", null, "b" };
        }
    }

    @Test
    void completesAPromptArgumentWithWhatWasTyped() {
        ServerRegistries registries = register(new Review());

        CompleteResult result = complete(registries, CompleteRequest.PROMPT_REF, "review", "language", "ja", Map.of());

        assertThat(result.completion()).isEqualTo(new CompleteResult.Completion(List.of("java", "javascript"), 2,
                false));
        assertThat(registries.completions().find(CompleteRequest.PROMPT_REF, "review", "language").orElseThrow()
            .source()).isEqualTo("CompletionAnnotationTests.Review.languages(String)");
        assertThat(complete(registries, CompleteRequest.PROMPT_REF, "review", "code", "", Map.of()).completion())
            .isEqualTo(new CompleteResult.Completion(List.of("a", "b"), 2, false));
    }

    @Test
    void completesATemplateVariableWithTheOtherArgumentsKeepingTheFirstHundred() {
        CompleteResult result = complete(register(new Review()), CompleteRequest.RESOURCE_REF,
                "repos://{owner}/{repo}", "repo", "", Map.of("owner", "acme"));

        assertThat(result.completion().values()).hasSize(100).startsWith("acme-0", "acme-1").endsWith("acme-99");
        assertThat(result.completion().total()).isEqualTo(150);
        assertThat(result.completion().hasMore()).isTrue();
    }

    static class Endless {

        @McpPrompt
        String count(String from) {
            return from;
        }

        @McpComplete(prompt = "count", argument = "from")
        Stream<String> numbers(String prefix) {
            return Stream.iterate(0, i -> i + 1).map(i -> prefix + i);
        }
    }

    @Test
    void anEndlessStreamGivesTheFirstHundred() {
        CompleteResult endless = complete(register(new Endless()), CompleteRequest.PROMPT_REF, "count", "from", "n",
                Map.of());
        assertThat(endless.completion()).isEqualTo(new CompleteResult.Completion(
                IntStream.range(0, 100).mapToObj(i -> "n" + i).toList(), null, true));
    }

    @Test
    void aCompleteResultIsUsedAsGiven() {
        CompleteResult result = complete(register(new Review()), CompleteRequest.RESOURCE_REF,
                "repos://{owner}/{repo}", "owner", "ac", Map.of());

        assertThat(result.completion()).isEqualTo(new CompleteResult.Completion(List.of("ac-org"), 5000, true));
    }

    static class Failing {

        static final AtomicBoolean CLOSED = new AtomicBoolean();

        @McpPrompt
        String ask(String topic) {
            return topic;
        }

        @McpComplete(prompt = "ask", argument = "topic")
        Stream<String> topics(String prefix) {
            return Stream.of("a", "b").<String>map(topic -> {
                throw new IllegalStateException("index unavailable");
            }).onClose(() -> CLOSED.set(true));
        }

        @McpResource(uri = "things://{id}")
        String thing(String id) {
            return id;
        }

        @McpComplete(resource = "things://{id}", argument = "id")
        List<String> ids(String prefix) {
            throw McpException.invalidParams("No completion for you");
        }
    }

    @Test
    void aFailureGivesNoSuggestionsAndClosesTheStream() {
        CompleteResult result = complete(register(new Failing()), CompleteRequest.PROMPT_REF, "ask", "topic", "",
                Map.of());

        assertThat(result.completion()).isEqualTo(new CompleteResult.Completion(List.of(), 0, false));
        assertThat(Failing.CLOSED).isTrue();
    }

    @Test
    void anMcpExceptionPassesThrough() {
        ServerRegistries registries = register(new Failing());

        assertThatExceptionOfType(McpException.class)
            .isThrownBy(() -> complete(registries, CompleteRequest.RESOURCE_REF, "things://{id}", "id", "", Map.of()))
            .withMessage("No completion for you");
    }

    @Test
    void completesPromptsRegisteredAsSpecificationsToo() {
        ServerRegistries registries = ServerRegistries.empty();
        registries.prompts().add(new PromptSpecification(new Prompt("hand-made", null, null,
                List.of(new Prompt.Argument("topic", null, null, true)), null, null),
                invocation -> dev.mcpspring.protocol.GetPromptResult.of(PromptMessage.user("hi"))));

        register(registries, new Object() {

            @McpComplete(prompt = "hand-made", argument = "topic")
            List<String> topics() {
                return List.of("spring");
            }
        });

        assertThat(complete(registries, CompleteRequest.PROMPT_REF, "hand-made", "topic", "", Map.of()).completion()
            .values()).containsExactly("spring");
    }

    // ---- startup failures ------------------------------------------------------------------------------------

    static class NoTarget {

        @McpComplete(argument = "x")
        List<String> none() {
            return List.of();
        }

        @McpComplete(prompt = "p", resource = "r://{x}", argument = "x")
        List<String> both() {
            return List.of();
        }

        @McpComplete(prompt = "review", argument = " ")
        List<String> blank() {
            return List.of();
        }
    }

    static class UnknownReferences {

        @McpComplete(prompt = "missing", argument = "language")
        List<String> unknownPrompt() {
            return List.of();
        }

        @McpComplete(prompt = "review", argument = "framework")
        List<String> unknownArgument() {
            return List.of();
        }

        @McpComplete(resource = "repos://{owner}", argument = "owner")
        List<String> unknownTemplate() {
            return List.of();
        }

        @McpComplete(resource = "repos://{owner}/{repo}", argument = "branch")
        List<String> unknownVariable() {
            return List.of();
        }

        @McpResource(uri = "docs://fixed")
        String fixed() {
            return "";
        }

        @McpComplete(resource = "docs://fixed", argument = "x")
        List<String> fixedResource() {
            return List.of();
        }
    }

    static class BadSignatures {

        @McpPrompt
        String ask(String topic) {
            return topic;
        }

        @McpComplete(prompt = "ask", argument = "topic")
        List<String> twoStrings(String a, String b) {
            return List.of();
        }

        @McpComplete(prompt = "ask", argument = "topic")
        List<String> number(int limit) {
            return List.of();
        }

        @McpComplete(prompt = "ask", argument = "topic")
        List<Integer> numbers() {
            return List.of();
        }

        @McpComplete(prompt = "ask", argument = "topic")
        List<String> valuesMap(Map<String, Integer> chosen) {
            return List.of();
        }
    }

    static class Duplicate {

        @McpPrompt
        String ask(String topic) {
            return topic;
        }

        @McpComplete(prompt = "ask", argument = "topic")
        List<String> one() {
            return List.of();
        }

        @McpComplete(prompt = "ask", argument = "topic")
        List<String> two() {
            return List.of();
        }
    }

    @Test
    void namingNeitherOrBothTargetsFailsStartup() {
        String message = failure(new NoTarget());

        assertThat(message).startsWith("3 @McpComplete methods cannot be registered:\n - ");
        assertThat(message).contains("Cannot register @McpComplete method CompletionAnnotationTests.NoTarget.none(): it"
                + " names neither a prompt nor a resource: set @McpComplete(prompt = ...) or"
                + " @McpComplete(resource = ...)");
        assertThat(message).contains("NoTarget.both(): it names both a prompt and a resource: a completion is for one"
                + " of them");
        assertThat(message).contains("NoTarget.blank(): its argument is empty: name the prompt argument or template"
                + " variable it completes");
    }

    @Test
    void aReferenceToAnUnknownPromptArgumentOrTemplateVariableFailsStartupNamingWhatExists() {
        String message = failure(new Review(), new UnknownReferences());

        assertThat(message).startsWith("5 @McpComplete methods cannot be registered:\n - ");
        assertThat(message).contains("UnknownReferences.unknownPrompt(): it completes an argument of prompt 'missing',"
                + " but there is no such prompt; the prompts are 'review'");
        assertThat(message).contains("UnknownReferences.unknownArgument(): prompt 'review' has no argument"
                + " 'framework'; its arguments are 'language', 'code'");
        assertThat(message).contains("UnknownReferences.unknownTemplate(): it completes a variable of resource"
                + " template 'repos://{owner}', but there is no such template; the templates are"
                + " 'repos://{owner}/{repo}'");
        assertThat(message).contains("UnknownReferences.unknownVariable(): resource template 'repos://{owner}/{repo}'"
                + " has no variable 'branch'; its variables are 'owner', 'repo'");
        assertThat(message).contains("UnknownReferences.fixedResource(): it completes a variable of resource template"
                + " 'docs://fixed', but there is no such template ('docs://fixed' is a resource without variables)");
    }

    @Test
    void unsupportedParametersAndReturnTypesFailStartup() {
        String message = failure(new BadSignatures());

        assertThat(message).startsWith("4 @McpComplete methods cannot be registered:\n - ");
        assertThat(message).contains("BadSignatures.twoStrings(String, String): it has more than one String"
                + " parameter: only one receives the value typed so far; a completion method takes the value typed so"
                + " far (String), the values already chosen for the other arguments (Map<String, String>), and"
                + " McpRequestContext, PeerHandle or CompletionInvocation");
        assertThat(message).contains("BadSignatures.number(int): its parameter 1 of type int cannot be bound: a"
                + " completion method takes");
        assertThat(message).contains("BadSignatures.numbers(): its return type"
                + " java.util.List<java.lang.Integer> is not supported: a completion method returns a List (or any"
                + " collection), array or Stream of String, or a CompleteResult");
        assertThat(message).contains("BadSignatures.valuesMap(Map): its parameter 1 of type"
                + " java.util.Map<java.lang.String, java.lang.Integer> cannot be bound");
    }

    @Test
    void twoCompletionsOfOneArgumentFailStartup() {
        assertThat(failure(new Duplicate())).isEqualTo("Cannot register @McpComplete method"
                + " CompletionAnnotationTests.Duplicate.two(): Duplicate MCP completion 'ref/prompt ask topic':"
                + " declared by CompletionAnnotationTests.Duplicate.one() and by"
                + " CompletionAnnotationTests.Duplicate.two()");
    }
}
