package dev.mcpspring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.info.Info;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.mcpspring.actuate.McpEndpoint;
import dev.mcpspring.actuate.McpHealthIndicator;
import dev.mcpspring.actuate.McpInfoContributor;
import dev.mcpspring.observation.McpServerMetrics;
import dev.mcpspring.protocol.Implementation;
import dev.mcpspring.server.ServerIdentity;
import dev.mcpspring.server.TransportInfo;
import dev.mcpspring.server.internal.McpServer;
import dev.mcpspring.session.SessionManager;

/** The Actuator beans: their conditions and backing off for the application's own; the metrics binder too. */
class McpActuatorAutoConfigurationTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(
                AutoConfigurations.of(McpActuatorAutoConfiguration.class, McpServerAutoConfiguration.class))
        .withPropertyValues("management.endpoints.web.exposure.include=mcp", "mcp.server.name=probe",
                "mcp.server.version=1.2.3");

    @Test
    void theEndpointIsThereWhenExposedAndBacksOffForTheApplicationsOwn() {
        runner.run(context -> {
            assertThat(context).hasSingleBean(McpEndpoint.class).hasBean("mcpEndpoint");
            McpEndpoint.McpDescriptor descriptor = context.getBean(McpEndpoint.class).mcp();
            assertThat(descriptor.tools()).isEmpty();
        });
        McpEndpoint own = mock(McpEndpoint.class);
        runner.withBean("ownEndpoint", McpEndpoint.class, () -> own).run(context -> {
            assertThat(context).doesNotHaveBean("mcpEndpoint");
            assertThat(context).getBean(McpEndpoint.class).isSameAs(own);
        });
    }

    @Test
    void theEndpointIsNotThereUnlessExposed() {
        new ApplicationContextRunner()
            .withConfiguration(
                    AutoConfigurations.of(McpActuatorAutoConfiguration.class, McpServerAutoConfiguration.class))
            .run(context -> assertThat(context).doesNotHaveBean(McpEndpoint.class)
                .hasSingleBean(McpHealthIndicator.class));
    }

    @Test
    void theHealthIndicatorIsUpThenOutOfServiceWhileShuttingDownAndBacksOffForTheApplicationsOwn() {
        runner.run(context -> {
            assertThat(context).hasBean("mcpHealthIndicator");
            Health health = context.getBean(McpHealthIndicator.class).health(true);
            assertThat(health.getStatus()).isEqualTo(Status.UP);
            assertThat(health.getDetails()).containsEntry("sessions", 0)
                .containsEntry("openSseStreams", 0)
                .containsEntry("sessionStore", "memory");
            context.getBean(McpServer.class).beginShutdown();
            assertThat(context.getBean(McpHealthIndicator.class).health(true).getStatus())
                .isEqualTo(Status.OUT_OF_SERVICE);
        });
        McpHealthIndicator own = new McpHealthIndicator(() -> false, mock(SessionManager.class), () -> 0, "own");
        runner.withBean("ownHealthIndicator", McpHealthIndicator.class, () -> own).run(context -> {
            assertThat(context).doesNotHaveBean("mcpHealthIndicator");
            assertThat(context).getBean(McpHealthIndicator.class).isSameAs(own);
        });
    }

    @Test
    void theHealthIndicatorIsDownWhenTheSessionStoreCannotCount() {
        SessionManager sessions = mock(SessionManager.class);
        org.mockito.Mockito.when(sessions.sessionCount()).thenThrow(new IllegalStateException("no Redis"));
        Health health = new McpHealthIndicator(() -> false, sessions, () -> 0, "redis").health(true);
        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.getDetails()).containsEntry("sessionStore", "redis")
            .containsEntry("sessionStoreReachable", false);
    }

    @Test
    void theHealthIndicatorCanBeDisabled() {
        runner.withPropertyValues("management.health.mcp.enabled=false")
            .run(context -> assertThat(context).doesNotHaveBean(McpHealthIndicator.class));
    }

    @Test
    void theInfoContributorTellsTheServerAndBacksOffForTheApplicationsOwn() {
        runner.run(context -> {
            assertThat(context).hasBean("mcpInfoContributor");
            Info.Builder builder = new Info.Builder();
            context.getBean(McpInfoContributor.class).contribute(builder);
            @SuppressWarnings("unchecked")
            Map<String, Object> mcp = (Map<String, Object>) builder.build().get("mcp");
            assertThat(mcp).containsEntry("name", "probe").containsEntry("version", "1.2.3");
            assertThat((List<?>) mcp.get("protocolVersions")).isNotEmpty();
        });
        McpInfoContributor own = new McpInfoContributor(new ServerIdentity(new Implementation("own", "1"), null),
                List.of());
        runner.withBean("ownInfoContributor", McpInfoContributor.class, () -> own).run(context -> {
            assertThat(context).doesNotHaveBean("mcpInfoContributor");
            assertThat(context).getBean(McpInfoContributor.class).isSameAs(own);
        });
    }

    @Test
    void nothingWithoutActuator() {
        runner.withClassLoader(new FilteredClassLoader("org.springframework.boot.actuate",
                "org.springframework.boot.health"))
            .run(context -> assertThat(context).hasNotFailed()
                .doesNotHaveBean(McpEndpoint.class)
                .doesNotHaveBean(McpHealthIndicator.class)
                .doesNotHaveBean(McpInfoContributor.class));
    }

    @Test
    void theServerMetricsBackOffForTheApplicationsOwn() {
        ApplicationContextRunner metrics = new ApplicationContextRunner()
            .withConfiguration(
                    AutoConfigurations.of(McpMetricsAutoConfiguration.class, McpServerAutoConfiguration.class))
            .withBean(MeterRegistry.class, SimpleMeterRegistry::new);
        metrics.run(context -> assertThat(context).hasBean("mcpServerMetrics"));
        McpServerMetrics own = new McpServerMetrics(mock(SessionManager.class), () -> 0, () -> 0,
                TransportInfo.HTTP);
        metrics.withBean("ownServerMetrics", McpServerMetrics.class, () -> own).run(context -> {
            assertThat(context).doesNotHaveBean("mcpServerMetrics");
            assertThat(context).getBean(McpServerMetrics.class).isSameAs(own);
        });
    }
}
