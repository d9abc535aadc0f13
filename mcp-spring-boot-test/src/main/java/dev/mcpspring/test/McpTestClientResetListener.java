package dev.mcpspring.test;

import org.springframework.context.ApplicationContext;
import org.springframework.core.Ordered;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.TestExecutionListener;

/**
 * Resets the context's {@link McpTestClient} after each test method, so that the scripted answers, notifications and
 * session of one test never reach the next (the application context, and so the client, is shared between tests).
 */
public class McpTestClientResetListener implements TestExecutionListener, Ordered {

    @Override
    public void afterTestMethod(TestContext testContext) {
        if (!testContext.hasApplicationContext()) {
            return;
        }
        ApplicationContext context = testContext.getApplicationContext();
        context.getBeanProvider(McpTestClient.class).ifAvailable(McpTestClient::reset);
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE - 100;
    }
}
