package dev.mcpspring.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.mcpspring.annotation.McpTool;
import dev.mcpspring.autoconfigure.McpServerAutoConfiguration;
import dev.mcpspring.server.CompletionSpecification;
import dev.mcpspring.server.PromptSpecification;
import dev.mcpspring.server.ResourceSpecification;
import dev.mcpspring.server.ResourceTemplateSpecification;
import dev.mcpspring.server.ToolSpecification;

/**
 * Two specification beans with the same key stop the application at start-up, with a message naming both
 * declarations.
 */
class DuplicateRegistrationTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(McpServerAutoConfiguration.class));

    @Test
    void twoToolsWithOneNameNameBothSources() {
        runner.withBean("firstEcho", ToolSpecification.class, () -> Specs.tool("echo", "FirstTools.echo()"))
            .withBean("secondEcho", ToolSpecification.class, () -> Specs.tool("echo", "SecondTools.echo()"))
            .run(context -> assertThat(messages(context.getStartupFailure()))
                .contains("Duplicate MCP tool name 'echo'")
                .contains("FirstTools.echo()")
                .contains("SecondTools.echo()"));
    }

    @Test
    void specificationsMadeWithoutSourceAreNamedByTheirBeans() {
        runner.withBean("firstEcho", ToolSpecification.class, () -> Specs.tool("echo"))
            .withBean("secondEcho", ToolSpecification.class, () -> Specs.tool("echo"))
            .run(context -> assertThat(messages(context.getStartupFailure()))
                .contains("Duplicate MCP tool name 'echo'")
                .contains("firstEcho")
                .contains("secondEcho"));
    }

    @Test
    void twoResourcesWithOneUriNameBothBeans() {
        runner.withBean("settings", ResourceSpecification.class, () -> Specs.resource("config://app", "settings"))
            .withBean("config", ResourceSpecification.class, () -> Specs.resource("config://app", "config"))
            .run(context -> assertThat(messages(context.getStartupFailure()))
                .contains("Duplicate MCP resource URI 'config://app'")
                .contains("'settings'")
                .contains("'config'"));
    }

    @Test
    void twoTemplatesWithOneTemplateNameBothBeans() {
        runner.withBean("docs", ResourceTemplateSpecification.class, () -> Specs.template("docs://{name}", "docs"))
            .withBean("files", ResourceTemplateSpecification.class, () -> Specs.template("docs://{name}", "files"))
            .run(context -> assertThat(messages(context.getStartupFailure()))
                .contains("Duplicate MCP resource template 'docs://{name}'")
                .contains("'docs'")
                .contains("'files'"));
    }

    @Test
    void twoPromptsWithOneNameNameBothBeans() {
        runner.withBean("greeting", PromptSpecification.class, () -> Specs.prompt("greet"))
            .withBean("welcome", PromptSpecification.class, () -> Specs.prompt("greet"))
            .run(context -> assertThat(messages(context.getStartupFailure()))
                .contains("Duplicate MCP prompt name 'greet'")
                .contains("'greeting'")
                .contains("'welcome'"));
    }

    @Test
    void twoCompletionsOfOneArgumentNameBothBeans() {
        runner.withBean("greet", PromptSpecification.class, () -> Specs.prompt("greet", "style"))
            .withBean("styles", CompletionSpecification.class,
                    () -> Specs.promptCompletion("greet", "style", invocation -> List.of("formal")))
            .withBean("moreStyles", CompletionSpecification.class,
                    () -> Specs.promptCompletion("greet", "style", invocation -> List.of("casual")))
            .run(context -> assertThat(messages(context.getStartupFailure()))
                .contains("Duplicate MCP completion")
                .contains("'styles'")
                .contains("'moreStyles'"));
    }

    @Test
    void anAnnotatedToolAndASpecificationBeanWithOneNameNameBoth() {
        runner.withBean("annotatedTools", AnnotatedEcho.class, AnnotatedEcho::new)
            .withBean("echoSpecification", ToolSpecification.class, () -> Specs.tool("echo"))
            .run(context -> assertThat(messages(context.getStartupFailure()))
                .contains("Duplicate MCP tool name 'echo'")
                .contains("AnnotatedEcho.echo(String)")
                .contains("echoSpecification"));
    }

    @Test
    void differentKeysStartFine() {
        runner.withBean("echo", ToolSpecification.class, () -> Specs.tool("echo"))
            .withBean("upper", ToolSpecification.class, () -> Specs.tool("upper"))
            .withBean("docs", ResourceTemplateSpecification.class, () -> Specs.template("docs://{name}", "docs"))
            .withBean("doc", ResourceSpecification.class, () -> Specs.resource("docs://{name}", "literal"))
            .run(context -> assertThat(context).hasNotFailed());
    }

    static String messages(Throwable failure) {
        assertThat(failure).as("the application failed to start").isNotNull();
        StringBuilder text = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            text.append(t.getMessage()).append('\n');
        }
        return text.toString();
    }

    static class AnnotatedEcho {

        @McpTool(description = "Echoes")
        public String echo(String text) {
            return text;
        }
    }
}
