package dev.mcpspring.aot.internal;

import static dev.mcpspring.aot.internal.BindingAssertions.assertBindable;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.aot.test.generate.TestGenerationContext;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.aot.ApplicationContextAotGenerator;
import org.springframework.context.support.GenericApplicationContext;

import dev.mcpspring.annotation.McpTool;
import dev.mcpspring.autoconfigure.McpServerAutoConfiguration;
import dev.mcpspring.autoconfigure.McpServerProperties;
import dev.mcpspring.protocol.InitializeResult;

/**
 * The starter's auto-configuration with a tool bean, processed ahead of time as {@code spring-boot:process-aot}
 * does: Spring itself finds the processor and the registrar through {@code aot.factories}, and Spring Boot's own
 * processing covers the {@code mcp.server.*} properties, so the starter registers nothing for them.
 */
class McpAotProcessingTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(McpServerAutoConfiguration.class))
        .withBean(ConversionTools.class);

    @Test
    void theApplicationsToolsAndTheProtocolAreCovered() {
        RuntimeHints hints = processAheadOfTime();

        assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(ConversionTools.class, "convert"))
            .accepts(hints);
        assertBindable(hints, Amount.class);
        assertBindable(hints, InitializeResult.class);
    }

    @Test
    void springBootCoversTheServersProperties() {
        RuntimeHints hints = processAheadOfTime();

        assertThat(RuntimeHintsPredicates.reflection().onType(McpServerProperties.class)).accepts(hints);
        assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(McpServerProperties.class, "setEndpoint"))
            .accepts(hints);
        assertThat(RuntimeHintsPredicates.reflection().onType(McpServerProperties.Session.class)).accepts(hints);
    }

    private RuntimeHints processAheadOfTime() {
        TestGenerationContext generationContext = new TestGenerationContext();
        runner.prepare(context -> new ApplicationContextAotGenerator().processAheadOfTime(
                (GenericApplicationContext) context.getSourceApplicationContext(), generationContext));
        return generationContext.getRuntimeHints();
    }

    static class ConversionTools {

        @McpTool(description = "Converts an amount")
        Amount convert(Amount amount, String currency) {
            return new Amount(amount.value(), currency);
        }
    }

    record Amount(double value, String currency) {
    }
}
