package dev.mcpspring.registry;

import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

import dev.mcpspring.protocol.ErrorCodes;
import dev.mcpspring.protocol.GetPromptResult;
import dev.mcpspring.protocol.McpException;
import dev.mcpspring.protocol.PromptMessage;
import dev.mcpspring.server.CompletionSpecification;
import dev.mcpspring.server.PromptSpecification;
import dev.mcpspring.server.ResourceSpecification;
import dev.mcpspring.server.ResourceTemplateSpecification;
import dev.mcpspring.server.ToolSpecification;
import dev.mcpspring.session.SessionManager;

/**
 * What the shared registry test server offers from start-up, every item declared as a specification bean. With
 * {@code mcp.server.page-size=2} each list has more than one page.
 */
@TestConfiguration(proxyBeanMethods = false)
class RegistryFixtures {

    /** Fixed resources in URI order (the order of {@code resources/list}). */
    static final List<String> RESOURCE_URIS = List.of("config://app/settings", "docs://guide/intro",
            "docs://guide/setup", "docs://readme/index", "notes://today");

    /** Templates in template order. */
    static final List<String> TEMPLATES = List.of("docs://{folder}/{name}", "logs://{date}{?level}",
            "users://{id}/profile");

    /** Prompts in name order. */
    static final List<String> PROMPTS = List.of("greet", "haiku", "review", "summarize", "translate");

    /** Tools in name order. */
    static final List<String> TOOLS = List.of("echo", "reverse", "upper");

    /** The suggestions of {@code translate}'s {@code language}: more than one result may carry. */
    static final List<String> LANGUAGES = IntStream.range(0, 150).mapToObj(i -> "lang-%03d".formatted(i)).toList();

    @Bean
    SessionManager recordingSessionManager() {
        return new RecordingSessionManager();
    }

    // ---------------------------------------------------------------- tools

    @Bean
    ToolSpecification echoTool() {
        return Specs.tool("echo");
    }

    @Bean
    ToolSpecification reverseTool() {
        return Specs.tool("reverse");
    }

    @Bean
    ToolSpecification upperTool() {
        return Specs.tool("upper");
    }

    // ---------------------------------------------------------------- resources

    @Bean
    ResourceSpecification settingsResource() {
        return Specs.resource("config://app/settings", "settings");
    }

    @Bean
    ResourceSpecification introResource() {
        return Specs.resource("docs://guide/intro", "intro");
    }

    @Bean
    ResourceSpecification setupResource() {
        return Specs.resource("docs://guide/setup", "setup");
    }

    /** Also an expansion of {@code docs://{folder}/{name}}: the fixed resource must win. */
    @Bean
    ResourceSpecification readmeResource() {
        return Specs.resource("docs://readme/index", "readme");
    }

    @Bean
    ResourceSpecification todayResource() {
        return Specs.resource("notes://today", "today");
    }

    // ---------------------------------------------------------------- templates

    @Bean
    ResourceTemplateSpecification docsTemplate() {
        return Specs.template("docs://{folder}/{name}", "docs");
    }

    @Bean
    ResourceTemplateSpecification logsTemplate() {
        return Specs.template("logs://{date}{?level}", "logs");
    }

    /** Matches every id, but only some users exist. */
    @Bean
    ResourceTemplateSpecification usersTemplate() {
        return Specs.template("users://{id}/profile", "users", read -> {
            if (read.variables().get("id").equals("ghost")) {
                throw new McpException(ErrorCodes.RESOURCE_NOT_FOUND, "No such user: ghost",
                        Map.of("uri", read.uri()));
            }
            return Specs.text(read.uri(), "profile of " + read.variables().get("id"));
        });
    }

    // ---------------------------------------------------------------- prompts

    @Bean
    PromptSpecification greetPrompt() {
        return Specs.prompt("greet", invocation -> new GetPromptResult("A greeting",
                List.of(PromptMessage.user("Greet " + invocation.arguments().get("name") + " in a "
                        + invocation.arguments().getOrDefault("style", "plain") + " style"),
                        PromptMessage.assistant("Hello, " + invocation.arguments().get("name") + "!")),
                null), "name!", "style");
    }

    @Bean
    PromptSpecification haikuPrompt() {
        return Specs.prompt("haiku");
    }

    @Bean
    PromptSpecification reviewPrompt() {
        return Specs.prompt("review", "code!", "focus");
    }

    @Bean
    PromptSpecification summarizePrompt() {
        return Specs.prompt("summarize", "text!");
    }

    @Bean
    PromptSpecification translatePrompt() {
        return Specs.prompt("translate", "text!", "language");
    }

    // ---------------------------------------------------------------- completions

    /** Suggestions that show the arguments already chosen ({@code context.arguments}). */
    @Bean
    CompletionSpecification greetStyleCompletion() {
        return Specs.promptCompletion("greet", "style", invocation -> List.of(
                "formal for " + invocation.arguments().get("name"),
                "casual for " + invocation.arguments().get("name"),
                "typed " + invocation.value() + " for argument " + invocation.argument()));
    }

    @Bean
    CompletionSpecification translateLanguageCompletion() {
        return Specs.promptCompletion("translate", "language",
                invocation -> LANGUAGES.stream().filter(language -> language.startsWith(invocation.value())).toList());
    }

    @Bean
    CompletionSpecification docsFolderCompletion() {
        return Specs.templateCompletion("docs://{folder}/{name}", "folder",
                invocation -> List.of("guide", "readme", "recipes")
                    .stream()
                    .filter(folder -> folder.startsWith(invocation.value()))
                    .toList());
    }

    @Bean
    CompletionSpecification docsNameCompletion() {
        return Specs.templateCompletion("docs://{folder}/{name}", "name",
                invocation -> switch (invocation.arguments().getOrDefault("folder", "")) {
                    case "guide" -> List.of("intro", "setup");
                    case "readme" -> List.of("index");
                    default -> List.of();
                });
    }
}
