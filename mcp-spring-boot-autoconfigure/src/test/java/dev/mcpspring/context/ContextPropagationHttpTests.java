package dev.mcpspring.context;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.core.task.TaskDecorator;
import org.springframework.core.task.support.ContextPropagatingTaskDecorator;

import dev.mcpspring.autoconfigure.MdcTaskDecorator;
import dev.mcpspring.autoconfigure.SecurityContextTaskDecorator;
import dev.mcpspring.testclient.McpTestClient;
import tools.jackson.databind.JsonNode;

/**
 * With the starter's own handler executor (virtual threads on Java 21+, else a pool), a handler runs with the
 * security context, MDC and observation of the request that called it, plus what the application's
 * {@code @McpTaskDecorator} beans propagate; the application's general {@code TaskDecorator} stays out, and the
 * starter's decorators stay out of the application's executors.
 */
@SpringBootTest(classes = { ContextTestApplication.class, ContextTestConfiguration.class },
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ContextPropagationHttpTests extends ContextHttpTestSupport {

    @Autowired
    ApplicationContext context;

    @Test
    void theHandlerSeesTheCallersSecurityContextMdcAndObservation() {
        JsonNode seen = call(connected(), "context", alice());

        assertThat(seen.path("user").asString()).isEqualTo("alice");
        assertThat(seen.path("traceId").asString()).isEqualTo("trace-42");
        assertThat(seen.path("observation").asString()).isEqualTo("mcp.test.request");
        assertThat(seen.path("operation").asBoolean()).as("the tool runs in the starter's observation of the request")
            .isTrue();
        assertThat(seen.path("thread").asString()).doesNotStartWith("http-nio");
    }

    @Test
    void aRequestWithoutContextGivesTheHandlerNone() {
        McpTestClient client = connected();
        call(client, "context", alice());

        JsonNode seen = call(client, "context", Map.of());

        assertThat(seen.path("user").isNull()).as("%s", seen).isTrue();
        assertThat(seen.path("traceId").isNull()).as("%s", seen).isTrue();
        assertThat(seen.path("observation").isNull()).as("%s", seen).isTrue();
        assertThat(seen.path("tenant").isNull()).as("%s", seen).isTrue();
    }

    @Test
    void theApplicationsMcpTaskDecoratorsApplyInOrderTheFirstInnermost() {
        JsonNode seen = call(connected(), "context", alice());

        assertThat(seen.path("tenant").asString()).isEqualTo("acme");
        assertThat(seen.path("decorators").values()).extracting(JsonNode::asString)
            .containsExactly("audit", "tenant");
    }

    @Test
    void theApplicationsGeneralTaskDecoratorIsNotAppliedToHandlers() {
        JsonNode seen = call(connected(), "context", alice());

        assertThat(seen.path("general").isNull()).as("%s", seen).isTrue();
    }

    @Test
    void theBuiltInDecoratorsAreDefinedButInvisibleToPlainTaskDecoratorInjection(
            @Autowired ObjectProvider<TaskDecorator> taskDecorators) {
        assertThat(context.getBean("mcpSecurityContextTaskDecorator")).isInstanceOf(SecurityContextTaskDecorator.class);
        assertThat(context.getBean("mcpContextPropagationTaskDecorator"))
            .isInstanceOf(ContextPropagatingTaskDecorator.class);
        assertThat(context.getBean("mcpMdcTaskDecorator")).isInstanceOf(MdcTaskDecorator.class);

        // what Spring Boot's applicationTaskExecutor composes: only the general one
        assertThat(taskDecorators.orderedStream()).containsExactly(context.getBean("generalTaskDecorator", TaskDecorator.class));
    }
}
