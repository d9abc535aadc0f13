package dev.mcpspring.context;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;

import tools.jackson.databind.JsonNode;

/**
 * {@code mcp.server.executor.propagate-context=false}: no built-in decorator, so the handler sees none of the
 * caller's security context, MDC or observation; the application's own {@code @McpTaskDecorator} beans still apply.
 */
@SpringBootTest(classes = { ContextTestApplication.class, ContextTestConfiguration.class },
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "mcp.server.executor.propagate-context=false")
class PropagationDisabledHttpTests extends ContextHttpTestSupport {

    @Autowired
    ApplicationContext context;

    @Test
    void theBuiltInDecoratorsAreAbsent() {
        assertThat(context.containsBean("mcpSecurityContextTaskDecorator")).isFalse();
        assertThat(context.containsBean("mcpContextPropagationTaskDecorator")).isFalse();
        assertThat(context.containsBean("mcpMdcTaskDecorator")).isFalse();
    }

    @Test
    void onlyTheApplicationsMcpTaskDecoratorsApply() {
        JsonNode seen = call(connected(), "context", alice());

        assertThat(seen.path("user").isNull()).as("%s", seen).isTrue();
        assertThat(seen.path("traceId").isNull()).as("%s", seen).isTrue();
        assertThat(seen.path("observation").isNull()).as("%s", seen).isTrue();
        assertThat(seen.path("tenant").asString()).isEqualTo("acme");
        assertThat(seen.path("decorators").values()).extracting(JsonNode::asString)
            .containsExactly("audit", "tenant");
    }
}
