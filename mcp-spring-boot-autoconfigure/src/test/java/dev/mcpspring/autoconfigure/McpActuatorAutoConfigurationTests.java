package dev.mcpspring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.info.Info;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;

import dev.mcpspring.actuate.McpEndpoint;
import dev.mcpspring.actuate.McpHealthIndicator;
import dev.mcpspring.actuate.McpInfoContributor;
import dev.mcpspring.observation.McpMeterObservationHandler;
import dev.mcpspring.observation.McpServerMetrics;
import dev.mcpspring.observation.ObservationRequestObserver;
import dev.mcpspring.protocol.Implementation;
import dev.mcpspring.server.McpMessageContext;
import dev.mcpspring.server.ServerIdentity;
import dev.mcpspring.server.TransportInfo;
import dev.mcpspring.server.internal.McpServer;
import dev.mcpspring.session.SessionManager;
import tools.jackson.databind.JsonNode;

/**
 * The Actuator beans: their conditions and backing off for the application's own; the metrics binder and the meter
 * handler of MCP observations too.
 */
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

    @Test
    void theMeterHandlerOfMcpObservationsIsThereWithARegistryHonoursIgnoredMetersAndBacksOff() {
        ApplicationContextRunner metrics = new ApplicationContextRunner()
            .withConfiguration(
                    AutoConfigurations.of(McpMetricsAutoConfiguration.class, McpServerAutoConfiguration.class))
            .withBean(MeterRegistry.class, SimpleMeterRegistry::new);
        metrics.run(context -> {
            assertThat(context).hasBean("mcpMeterObservationHandler");
            assertThat(activeTimersAfterOneObservation(context)).isEqualTo(1);
        });
        metrics.withPropertyValues("management.metrics.observations.ignored-meters=long-task-timer")
            .run(context -> assertThat(activeTimersAfterOneObservation(context)).isZero());
        McpMeterObservationHandler own = new McpMeterObservationHandler(new SimpleMeterRegistry(), false);
        metrics.withBean("ownMeterHandler", McpMeterObservationHandler.class, () -> own).run(context -> {
            assertThat(context).doesNotHaveBean("mcpMeterObservationHandler");
            assertThat(context).getBean(McpMeterObservationHandler.class).isSameAs(own);
        });
    }

    /** How many long-task timers one MCP observation through the context's handler registers. */
    private static int activeTimersAfterOneObservation(ApplicationContext context) {
        ObservationRegistry registry = ObservationRegistry.create();
        registry.observationConfig().observationHandler(context.getBean(McpMeterObservationHandler.class));
        new ObservationRequestObserver(registry).startNotification(new McpMessageContext() {

            @Override
            public String method() {
                return "ping";
            }

            @Override
            public @Nullable JsonNode requestId() {
                return null;
            }

            @Override
            public @Nullable String sessionId() {
                return null;
            }

            @Override
            public String protocolVersion() {
                return "2025-11-25";
            }

            @Override
            public @Nullable JsonNode params() {
                return null;
            }
        }).close();
        MeterRegistry meters = context.getBean(MeterRegistry.class);
        assertThat(meters.find("mcp.server.operation.duration").timer()).isNotNull();
        return meters.find("mcp.server.operation.duration.active").longTaskTimers().size();
    }
}
