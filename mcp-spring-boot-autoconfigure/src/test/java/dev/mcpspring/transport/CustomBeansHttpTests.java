package dev.mcpspring.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;

import dev.mcpspring.protocol.Implementation;
import dev.mcpspring.server.ServerIdentity;
import dev.mcpspring.session.InMemorySessionManager;
import dev.mcpspring.session.McpSession;
import dev.mcpspring.session.SessionManager;
import dev.mcpspring.testclient.McpResponse;
import dev.mcpspring.testclient.McpTestClient;
import tools.jackson.databind.JsonNode;

/**
 * Beans the application defines replace the starter's; without tools the server announces no tools capability;
 * {@code mcp.server.endpoint} moves the endpoint.
 */
@SpringBootTest(classes = { McpTestApplication.class, CustomBeansHttpTests.OwnBeans.class },
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "mcp.server.endpoint=/api/mcp", "mcp.server.name=from-properties" })
class CustomBeansHttpTests extends HttpTestSupport {

    @Autowired
    ApplicationContext context;

    @Autowired
    RecordingSessionManager recording;

    @Test
    void theApplicationsSessionManagerIsUsed() {
        assertThat(context.getBeansOfType(SessionManager.class)).containsOnlyKeys("ownSessionManager");
        int before = recording.created.get();

        McpTestClient client = apiClient();
        client.connect();

        assertThat(recording.created.get()).isEqualTo(before + 1);
        assertThat(recording.find(client.sessionId())).isPresent();
        assertThat(client.ping().status()).isEqualTo(200);
    }

    @Test
    void theApplicationsServerIdentityIsUsed() {
        assertThat(context.getBeansOfType(ServerIdentity.class)).containsOnlyKeys("ownIdentity");

        JsonNode result = apiClient().initialize().result();

        assertThat(result.path("serverInfo").path("name").asString()).isEqualTo("own-server");
        assertThat(result.path("serverInfo").path("version").asString()).isEqualTo("2.0");
        assertThat(result.path("instructions").asString()).isEqualTo("own instructions");
    }

    @Test
    void withoutToolsTheToolsCapabilityIsAbsent() {
        McpTestClient client = apiClient();
        JsonNode capabilities = client.initialize().result().path("capabilities");

        assertThat(capabilities.isObject()).isTrue();
        assertThat(capabilities.has("tools")).as("%s", capabilities).isFalse();
        assertThat(client.listTools(null).result().path("tools").size()).isZero();
    }

    @Test
    void theEndpointFollowsTheProperty() {
        McpResponse atDefaultPath = client().initialize();
        assertThat(atDefaultPath.status()).isEqualTo(404);

        assertThat(apiClient().initialize().status()).isEqualTo(200);
    }

    private McpTestClient apiClient() {
        return McpTestClient.create(URI.create("http://localhost:" + port + "/api/mcp"));
    }

    /** An in-memory session manager that counts the sessions it creates. */
    static class RecordingSessionManager extends InMemorySessionManager {

        final AtomicInteger created = new AtomicInteger();

        RecordingSessionManager() {
            super(Duration.ofMinutes(5), 100, 100);
        }

        @Override
        public McpSession create(String principal) {
            created.incrementAndGet();
            return super.create(principal);
        }
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class OwnBeans {

        @Bean
        RecordingSessionManager ownSessionManager() {
            return new RecordingSessionManager();
        }

        @Bean
        ServerIdentity ownIdentity() {
            return new ServerIdentity(new Implementation("own-server", "2.0"), "own instructions");
        }
    }
}
