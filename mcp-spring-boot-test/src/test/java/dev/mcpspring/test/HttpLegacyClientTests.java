package dev.mcpspring.test;

import org.springframework.boot.test.context.SpringBootTest;

import dev.mcpspring.test.app.KitTestApplication;

/** {@link McpTestClientContractTests} over HTTP to a random port, protocol 2025-11-25. */
@SpringBootTest(classes = KitTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureMcpTestClient(protocolVersion = "2025-11-25")
class HttpLegacyClientTests extends McpTestClientContractTests {

    @Override
    String era() {
        return "httplegacy";
    }
}
