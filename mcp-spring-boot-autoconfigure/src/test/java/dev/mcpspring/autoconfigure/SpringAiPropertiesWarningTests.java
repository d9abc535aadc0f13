package dev.mcpspring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/** Properties left over from Spring AI's MCP server are named in one start-up warning. */
@ExtendWith(OutputCaptureExtension.class)
class SpringAiPropertiesWarningTests {

    @Test
    void namesEverySpringAiServerPropertyInItsCanonicalForm(CapturedOutput output) {
        StandardEnvironment environment = environment(Map.of("spring.ai.mcp.server.name", "weather",
                "spring.ai.mcp.server.streamable-http.mcp-endpoint", "/api", "spring.ai.mcp.client.enabled", "true",
                "mcp.server.name", "weather"));
        environment.getPropertySources().replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                        Map.of("SPRING_AI_MCP_SERVER_VERSION", "2.0")));

        new SpringAiPropertiesWarning(environment).onApplicationEvent(ready());

        assertThat(output).contains("Spring AI MCP server properties are set but nothing reads them: "
                + "spring.ai.mcp.server.name, spring.ai.mcp.server.streamable-http.mcp-endpoint, "
                + "spring.ai.mcp.server.version. This starter is configured under mcp.server.*");
        assertThat(output).doesNotContain("spring.ai.mcp.client");
    }

    @Test
    void saysNothingWithoutThem(CapturedOutput output) {
        new SpringAiPropertiesWarning(environment(Map.of("mcp.server.name", "weather"))).onApplicationEvent(ready());

        assertThat(output).doesNotContain("Spring AI");
    }

    private static StandardEnvironment environment(Map<String, Object> properties) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("test", properties));
        return environment;
    }

    private static ApplicationReadyEvent ready() {
        return new ApplicationReadyEvent(new SpringApplication(), new String[0], null, null);
    }
}
