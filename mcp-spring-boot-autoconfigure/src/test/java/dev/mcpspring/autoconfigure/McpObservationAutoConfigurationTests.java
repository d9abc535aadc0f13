package dev.mcpspring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.mcpspring.observation.ObservationRequestObserver;
import dev.mcpspring.server.McpRequestObserver;

/** The observation beans backing off for the application's own. */
class McpObservationAutoConfigurationTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(McpObservationAutoConfiguration.class,
                McpServerAutoConfiguration.class))
        .withBean(ObservationRegistry.class, ObservationRegistry::create);

    @Test
    void theRequestObserverBacksOffForTheApplicationsOwn() {
        runner.run(context -> {
            assertThat(context).hasBean("mcpRequestObserver");
            assertThat(context).getBean(McpRequestObserver.class).isInstanceOf(ObservationRequestObserver.class);
        });
        McpRequestObserver own = mock(McpRequestObserver.class);
        runner.withBean("ownRequestObserver", McpRequestObserver.class, () -> own).run(context -> {
            assertThat(context).doesNotHaveBean("mcpRequestObserver");
            assertThat(context).getBean(McpRequestObserver.class).isSameAs(own);
        });
    }
}
