package dev.mcpspring.annotation.internal;

import dev.mcpspring.autoconfigure.McpServerAutoConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.web.servlet.DispatcherServlet;

import static org.assertj.core.api.Assertions.assertThat;

/** Which beans {@link AnnotatedMethodRegistrar} searches for MCP methods at start-up. */
class AnnotatedMethodRegistrarScanTests {

    @Test
    void springsOwnInfrastructureIsNotSearched() {
        assertThat(AnnotatedMethodRegistrar.isSpringContainerClass(DispatcherServlet.class)).isTrue();
    }

    @Test
    void springsComponentsAndEveryOtherClassAreSearched() {
        // an auto-configuration is a @Configuration, hence a @Component, as an application's own would be
        assertThat(AnnotatedMethodRegistrar.isSpringContainerClass(JacksonAutoConfiguration.class)).isFalse();
        assertThat(AnnotatedMethodRegistrar.isSpringContainerClass(McpServerAutoConfiguration.class)).isFalse();
        assertThat(AnnotatedMethodRegistrar.isSpringContainerClass(AnnotatedMethodRegistrarScanTests.class)).isFalse();
    }
}
