package dev.mcpspring.test;

import org.springframework.boot.test.context.SpringBootTest;

import dev.mcpspring.test.app.KitTestApplication;

/** {@link McpTestClientContractTests} in-process (no port), protocol 2025-11-25. */
@SpringBootTest(classes = KitTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.MOCK)
@AutoConfigureMcpTestClient(protocolVersion = "2025-11-25")
class InProcessLegacyClientTests extends McpTestClientContractTests {

    @Override
    String era() {
        return "inprocesslegacy";
    }
}
