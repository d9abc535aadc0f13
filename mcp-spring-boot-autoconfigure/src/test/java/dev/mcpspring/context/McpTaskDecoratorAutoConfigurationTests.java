package dev.mcpspring.context;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.task.TaskDecorator;
import org.springframework.core.task.support.ContextPropagatingTaskDecorator;
import org.springframework.security.core.context.SecurityContextHolder;

import dev.mcpspring.autoconfigure.McpServerAutoConfiguration;
import dev.mcpspring.autoconfigure.McpTaskDecoratorAutoConfiguration;
import dev.mcpspring.autoconfigure.McpTaskDecorators;
import dev.mcpspring.autoconfigure.MdcTaskDecorator;
import dev.mcpspring.autoconfigure.ObservationScopeTaskDecorator;
import dev.mcpspring.autoconfigure.SecurityContextTaskDecorator;
import io.micrometer.context.ContextSnapshotFactory;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;

/** Which built-in decorators exist for which class path and properties, and how decorators are composed. */
class McpTaskDecoratorAutoConfigurationTests {

    private static final String[] BUILT_IN = { "mcpSecurityContextTaskDecorator",
            "mcpContextPropagationTaskDecorator", "mcpObservationScopeTaskDecorator", "mcpMdcTaskDecorator" };

    private final ApplicationContextRunner runner = new ApplicationContextRunner().withConfiguration(
            AutoConfigurations.of(McpServerAutoConfiguration.class, McpTaskDecoratorAutoConfiguration.class));

    @Test
    void everyBuiltInDecoratorWhenItsLibraryIsPresent() {
        runner.run(context -> {
            assertThat(context).getBean("mcpSecurityContextTaskDecorator").isInstanceOf(SecurityContextTaskDecorator.class);
            assertThat(context).getBean("mcpContextPropagationTaskDecorator")
                .isInstanceOf(ContextPropagatingTaskDecorator.class);
            assertThat(context).getBean("mcpObservationScopeTaskDecorator")
                .isInstanceOf(ObservationScopeTaskDecorator.class);
            assertThat(context).getBean("mcpMdcTaskDecorator").isInstanceOf(MdcTaskDecorator.class);
        });
    }

    @Test
    void theBuiltInDecoratorsAreTheOnesThatOnlyCarryContext() {
        runner.run(context -> {
            for (String name : BUILT_IN) {
                assertThat(McpTaskDecorators.carriesContextOnly(context.getBean(name, TaskDecorator.class)))
                    .as(name)
                    .isTrue();
            }
        });
        assertThat(McpTaskDecorators.carriesContextOnly(task -> task)).isFalse();
    }

    @Test
    void noSecurityDecoratorWithoutSpringSecurity() {
        runner.withClassLoader(new FilteredClassLoader(SecurityContextHolder.class)).run(context -> {
            assertThat(context).doesNotHaveBean("mcpSecurityContextTaskDecorator");
            assertThat(context).hasBean("mcpContextPropagationTaskDecorator").hasBean("mcpMdcTaskDecorator");
        });
    }

    @Test
    void noContextPropagationDecoratorsWithoutContextPropagation() {
        runner.withClassLoader(new FilteredClassLoader(ContextSnapshotFactory.class)).run(context -> {
            assertThat(context).doesNotHaveBean("mcpContextPropagationTaskDecorator")
                .doesNotHaveBean("mcpObservationScopeTaskDecorator");
            assertThat(context).hasBean("mcpSecurityContextTaskDecorator").hasBean("mcpMdcTaskDecorator");
        });
    }

    @Test
    void noObservationScopeDecoratorWithoutMicrometerObservation() {
        runner.withClassLoader(new FilteredClassLoader(ObservationThreadLocalAccessor.class)).run(context -> {
            assertThat(context).doesNotHaveBean("mcpObservationScopeTaskDecorator");
            assertThat(context).hasBean("mcpContextPropagationTaskDecorator");
        });
    }

    @Test
    void noBuiltInDecoratorWhenPropagationIsOff() {
        runner.withPropertyValues("mcp.server.executor.propagate-context=false").run(context -> {
            for (String name : BUILT_IN) {
                assertThat(context).doesNotHaveBean(name);
            }
        });
    }

    @Test
    void noBuiltInDecoratorWhenTheServerIsDisabled() {
        runner.withPropertyValues("mcp.server.enabled=false").run(context -> {
            for (String name : BUILT_IN) {
                assertThat(context).doesNotHaveBean(name);
            }
        });
    }

    @ParameterizedTest(name = "{0}")
    @FieldSource("BUILT_IN")
    void aBeanOfTheSameNameReplacesABuiltInDecorator(String name) {
        runner.run(context -> assertThat(context).hasBean(name));
        TaskDecorator own = task -> task;
        runner.withBean(name, TaskDecorator.class, () -> own)
            .run(context -> assertThat(context.getBean(name)).isSameAs(own));
    }

    @Test
    void decoratorsAreComposedInOrderTheFirstInnermost() {
        List<String> trace = new ArrayList<>();
        Executor decorated = McpTaskDecorators.decorate(Runnable::run,
                List.of(named("first", trace), named("second", trace)));

        decorated.execute(() -> trace.add("task"));

        assertThat(trace).containsExactly("second", "first", "task");
    }

    @Test
    void withoutDecoratorsTheExecutorIsUsedAsItIs() {
        Executor executor = Runnable::run;

        assertThat(McpTaskDecorators.decorate(executor, List.of())).isSameAs(executor);
    }

    @Test
    void aRefusalOfTheExecutorStillReachesTheCaller() {
        Executor full = task -> {
            throw new RejectedExecutionException("full");
        };
        Executor decorated = McpTaskDecorators.decorate(full, List.of(new MdcTaskDecorator()));

        assertThatExceptionOfType(RejectedExecutionException.class).isThrownBy(() -> decorated.execute(() -> {
        }));
    }

    private static TaskDecorator named(String name, List<String> trace) {
        return task -> () -> {
            trace.add(name);
            task.run();
        };
    }
}
