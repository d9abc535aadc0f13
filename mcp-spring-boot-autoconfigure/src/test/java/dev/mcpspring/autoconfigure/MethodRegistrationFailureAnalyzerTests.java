package dev.mcpspring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.mcpspring.annotation.McpTool;

/** Annotated methods that cannot be registered fail start-up with Spring Boot's report, naming each of them. */
class MethodRegistrationFailureAnalyzerTests {

    @Test
    void everyMethodThatCannotBeRegisteredIsTheReportsDescription() {
        new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(McpServerAutoConfiguration.class))
            .withUserConfiguration(Tools.class)
            .run(context -> {
                assertThat(context).hasFailed();
                FailureAnalysis analysis = new MethodRegistrationFailureAnalyzer().analyze(context.getStartupFailure());
                assertThat(analysis).isNotNull();
                assertThat(analysis.getDescription()).contains("Duplicate MCP tool name 'forecast'",
                        "Weather.forecast", "Climate.forecast");
                assertThat(analysis.getAction()).contains("docs/tools.md");
            });
    }

    @Test
    void otherFailuresAreLeftToOtherAnalyzers() {
        assertThat(new MethodRegistrationFailureAnalyzer().analyze(new IllegalStateException("something else")))
            .isNull();
    }

    @Configuration(proxyBeanMethods = false)
    static class Tools {

        @Bean
        Weather weather() {
            return new Weather();
        }

        @Bean
        Climate climate() {
            return new Climate();
        }
    }

    static class Weather {

        @McpTool(description = "Tomorrow's weather")
        String forecast(String city) {
            return "sunny";
        }
    }

    static class Climate {

        @McpTool(description = "The climate of a year")
        String forecast(int year) {
            return "warm";
        }
    }
}
