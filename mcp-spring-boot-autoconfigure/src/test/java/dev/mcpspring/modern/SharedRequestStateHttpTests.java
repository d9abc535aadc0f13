package dev.mcpspring.modern;

import static dev.mcpspring.modern.ModernProtocolHttpTests.assertError;
import static dev.mcpspring.modern.ModernTools.accept;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import dev.mcpspring.protocol.ErrorCodes;
import tools.jackson.databind.JsonNode;

/**
 * Several instances behind one address: a retry may reach another instance than the round before it, so the
 * {@code requestState} one issued must open on every instance with the same secret, and on no other; and it
 * expires.
 */
class SharedRequestStateHttpTests {

    static final Map<String, Object> ELICITATION = Map.of("elicitation", Map.of());

    static ConfigurableApplicationContext first;

    static ConfigurableApplicationContext second;

    static ConfigurableApplicationContext stranger;

    static ConfigurableApplicationContext hasty;

    @BeforeAll
    static void start() {
        first = start("mcp.server.request-state.secret=shared-secret-of-the-cluster");
        second = start("mcp.server.request-state.secret=shared-secret-of-the-cluster");
        stranger = start("mcp.server.request-state.secret=another-secret");
        hasty = start("mcp.server.request-state.secret=shared-secret-of-the-cluster",
                "mcp.server.request-state.ttl=1ms");
    }

    @AfterAll
    static void stop() {
        for (ConfigurableApplicationContext context : new ConfigurableApplicationContext[] { first, second, stranger,
                hasty }) {
            if (context != null) {
                context.close();
            }
        }
    }

    @Test
    void aStateIssuedByOneInstanceOpensOnAnotherWithTheSameSecret() {
        JsonNode round1 = client(first).callTool("ask_name", Map.of()).result();

        JsonNode done = client(second).retryTool("ask_name", Map.of(), round1, Map.of("name", accept("name", "Eve")))
            .result();

        assertThat(done.path("content").path(0).path("text").asString()).isEqualTo("Hello, Eve!");
    }

    @Test
    void anInstanceWithAnotherSecretRefusesIt() {
        JsonNode round1 = client(first).callTool("ask_name", Map.of()).result();

        assertError(client(stranger).retryTool("ask_name", Map.of(), round1, Map.of("name", accept("name", "Eve"))),
                200, ErrorCodes.INVALID_PARAMS, "not a requestState this server issued");
    }

    @Test
    void anExpiredStateIsRefused() throws InterruptedException {
        JsonNode round1 = client(hasty).callTool("ask_name", Map.of()).result();
        Thread.sleep(20);

        assertError(client(first).retryTool("ask_name", Map.of(), round1, Map.of("name", accept("name", "Eve"))), 200,
                ErrorCodes.INVALID_PARAMS, "expired");
    }

    private static ConfigurableApplicationContext start(String... properties) {
        return new SpringApplicationBuilder(ModernTestApplication.class, ModernTools.class)
            .properties("server.port=0")
            .properties(properties)
            .run();
    }

    private static ModernClient client(ConfigurableApplicationContext context) {
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        return new ModernClient(port).capabilities(ELICITATION);
    }
}
