package dev.mcpspring.annotation;

import java.util.List;
import java.util.Map;

import dev.mcpspring.autoconfigure.McpServerAutoConfiguration;
import dev.mcpspring.protocol.CompleteRequest;
import dev.mcpspring.protocol.CompleteResult;
import dev.mcpspring.protocol.GetPromptResult;
import dev.mcpspring.protocol.Prompt;
import dev.mcpspring.protocol.PromptMessage;
import dev.mcpspring.protocol.ReadResourceResult;
import dev.mcpspring.protocol.ResourceContents;
import dev.mcpspring.protocol.ServerCapabilities;
import dev.mcpspring.server.CompletionInvocation;
import dev.mcpspring.server.CompletionRegistry;
import dev.mcpspring.server.PromptInvocation;
import dev.mcpspring.server.PromptRegistry;
import dev.mcpspring.server.PromptSpecification;
import dev.mcpspring.server.ResourceRead;
import dev.mcpspring.server.ResourceRegistry;
import dev.mcpspring.server.ResourceTemplateRegistry;
import dev.mcpspring.server.internal.McpServer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.transaction.annotation.EnableTransactionManagement;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The auto-configured registrar finds the {@code @McpResource}, {@code @McpPrompt} and {@code @McpComplete}
 * methods of the application's beans (lazy and proxied ones too), registers them into the auto-configured
 * registries, and fails startup naming every method it cannot register.
 */
class AnnotatedMethodsContextTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(McpServerAutoConfiguration.class));

    @Configuration(proxyBeanMethods = false)
    static class LibraryConfig {

        @Bean
        @Lazy
        Library library() {
            return new Library();
        }
    }

    /** A resource and a prompt whose methods must run in a transaction. */
    static class TransactionalCatalog {

        @Transactional(readOnly = true)
        @McpResource(uri = "catalog://status")
        String status() {
            return "in transaction: " + TransactionSynchronizationManager.isActualTransactionActive();
        }

        @Transactional
        @McpPrompt
        String inventory() {
            return "in transaction: " + TransactionSynchronizationManager.isActualTransactionActive();
        }
    }

    @Configuration(proxyBeanMethods = false)
    @EnableTransactionManagement(proxyTargetClass = true)
    static class TransactionalConfig {

        @Bean
        AnnotatedToolRegistrarTests.CountingTransactionManager transactionManager() {
            return new AnnotatedToolRegistrarTests.CountingTransactionManager();
        }

        @Bean
        TransactionalCatalog transactionalCatalog() {
            return new TransactionalCatalog();
        }
    }

    @Test
    void registersTheResourcesAndTemplatesOfBeans() {
        runner.withUserConfiguration(LibraryConfig.class).run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(ResourceRegistry.class).list()).extracting(r -> r.resource().uri())
                .containsExactly("library://logo", "library://readme", "library://vault");
            assertThat(context.getBean(ResourceTemplateRegistry.class).list())
                .extracting(t -> t.template().uriTemplate())
                .containsExactly("library://books/{isbn}", "library://files/{+path}",
                        "library://shelves/{shelf}/books/{position}{?format}");
            assertThat(context.getBean(ResourceRegistry.class).find("library://readme").orElseThrow().source())
                .isEqualTo("Library.readme() of bean 'library'");
            ServerCapabilities capabilities = context.getBean(McpServer.class).capabilities();
            assertThat(capabilities.resources()).isNotNull();
        });
    }

    @Test
    void aResourceMethodOfAProxiedBeanIsCalledThroughTheProxy() {
        runner.withUserConfiguration(TransactionalConfig.class).run(context -> {
            ReadResourceResult result = context.getBean(ResourceRegistry.class).find("catalog://status").orElseThrow()
                .reader().read(new ResourceRead("catalog://status", Map.of(), null));
            assertThat(((ResourceContents.Text) result.contents().get(0)).text()).isEqualTo("in transaction: true");
            assertThat(context.getBean(AnnotatedToolRegistrarTests.CountingTransactionManager.class).commits)
                .hasValue(1);
        });
    }

    @Test
    void registersThePromptsOfBeans() {
        runner.withUserConfiguration(LibraryConfig.class, TransactionalConfig.class).run(context -> {
            PromptRegistry prompts = context.getBean(PromptRegistry.class);
            assertThat(prompts.list()).extracting(p -> p.prompt().name())
                .containsExactly("cover", "haiku", "inventory", "overdue", "recommend");
            assertThat(prompts.find("recommend").orElseThrow().prompt().arguments()).containsExactly(
                    new Prompt.Argument("genre", "Genre", "The genre to recommend from", true),
                    new Prompt.Argument("count", null, "How many books", false));
            GetPromptResult inventory = prompts.find("inventory").orElseThrow().handler()
                .get(new PromptInvocation(Map.of(), null));
            assertThat(inventory.messages()).containsExactly(PromptMessage.user("in transaction: true"));
            assertThat(context.getBean(McpServer.class).capabilities().prompts()).isNotNull();
        });
    }

    @Configuration(proxyBeanMethods = false)
    static class HandMadePromptConfig {

        @Bean
        PromptSpecification handMadePrompt() {
            return new PromptSpecification(new Prompt("hand-made", null, null,
                    List.of(new Prompt.Argument("mood", null, null, true)), null, null),
                    invocation -> GetPromptResult.of(PromptMessage.user("be " + invocation.arguments().get("mood"))));
        }

        @Bean
        Object moods() {
            return new Object() {

                @McpComplete(prompt = "hand-made", argument = "mood")
                List<String> moods(String prefix) {
                    return List.of("happy", "calm", "curious");
                }
            };
        }
    }

    @Test
    void registersCompletionsOfAnnotatedPromptsTemplatesAndSpecificationBeans() {
        runner.withUserConfiguration(LibraryConfig.class, HandMadePromptConfig.class).run(context -> {
            CompletionRegistry completions = context.getBean(CompletionRegistry.class);
            assertThat(completions.list()).extracting(c -> c.refType() + " " + c.ref() + " " + c.argument())
                .containsExactlyInAnyOrder("ref/prompt recommend genre", "ref/prompt hand-made mood",
                        "ref/resource library://books/{isbn} isbn",
                        "ref/resource library://shelves/{shelf}/books/{position}{?format} position");
            CompleteResult moods = completions.find(CompleteRequest.PROMPT_REF, "hand-made", "mood").orElseThrow()
                .handler().result(new CompletionInvocation("mood", "", Map.of(), null));
            assertThat(moods.completion().values()).containsExactly("happy", "calm", "curious");
            assertThat(context.getBean(McpServer.class).capabilities().completions()).isNotNull();
        });
    }

    static class Broken {

        @McpResource(uri = "broken://{id}")
        String resource(String name) {
            return name;
        }

        @McpPrompt
        Map<String, String> prompt() {
            return Map.of();
        }

        @McpComplete(prompt = "prompt", argument = "x")
        List<String> completion() {
            return List.of();
        }

        @McpComplete(prompt = "missing", argument = "x")
        List<String> missing() {
            return List.of();
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class BrokenConfig {

        @Bean
        Broken broken() {
            return new Broken();
        }
    }

    @Test
    void failsStartupNamingEveryMethodThatCannotBeRegistered() {
        runner.withUserConfiguration(BrokenConfig.class).run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("4 annotated MCP methods cannot be registered:\n - ")
                .hasMessageContaining("Cannot register @McpResource method"
                        + " AnnotatedMethodsContextTests.Broken.resource(String) of bean 'broken': its parameter"
                        + " 'name' is not a variable of its URI template 'broken://{id}', whose variables are 'id'")
                .hasMessageContaining("Cannot register @McpPrompt method AnnotatedMethodsContextTests.Broken.prompt()"
                        + " of bean 'broken': its return type")
                .hasMessageContaining("Cannot register @McpComplete method"
                        + " AnnotatedMethodsContextTests.Broken.completion() of bean 'broken': the prompt 'prompt' it"
                        + " completes cannot be registered either")
                .hasMessageContaining("Cannot register @McpComplete method"
                        + " AnnotatedMethodsContextTests.Broken.missing() of bean 'broken': it completes an"
                        + " argument of prompt 'missing', but there is no such prompt; the prompts are none");
        });
    }
}
