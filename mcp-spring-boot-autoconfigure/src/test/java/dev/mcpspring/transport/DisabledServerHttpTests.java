package dev.mcpspring.transport;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;

import dev.mcpspring.autoconfigure.McpServerProperties;
import dev.mcpspring.protocol.JsonRpcCodec;
import dev.mcpspring.server.ToolRegistry;
import dev.mcpspring.server.internal.McpServer;
import dev.mcpspring.session.SessionManager;
import dev.mcpspring.testclient.McpResponse;

/** {@code mcp.server.enabled=false}: no endpoint and no MCP beans. */
@SpringBootTest(classes = McpTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "mcp.server.enabled=false")
class DisabledServerHttpTests extends HttpTestSupport {

    @Autowired
    ApplicationContext context;

    @Test
    void theEndpointIsAbsent() {
        McpResponse initialize = client().initialize();
        assertThat(initialize.status()).isEqualTo(404);
        assertThat(client().get().send().status()).isEqualTo(404);
    }

    @Test
    void noBeanOfTheStarterIsDefined() {
        for (String name : context.getBeanDefinitionNames()) {
            Class<?> type = context.getType(name);
            if (type != null && type != McpTestApplication.class) {
                assertThat(type.getName()).as("type of bean '%s'", name).doesNotStartWith("dev.mcpspring.");
            }
        }
    }

    @Test
    void noMcpBeansAreDefined() {
        for (Class<?> type : new Class<?>[] { McpServer.class, SessionManager.class, ToolRegistry.class,
                JsonRpcCodec.class, StreamableHttpServlet.class, McpServerProperties.class }) {
            assertThat(context.getBeanNamesForType(type)).as("beans of %s", type.getSimpleName()).isEmpty();
        }
        assertThat(context.containsBean("mcpServletRegistration")).isFalse();
        assertThat(context.containsBean("mcpHandlerExecutor")).isFalse();
    }
}
