package dev.mcpspring.test;

import org.springframework.boot.test.context.SpringBootTest;

import dev.mcpspring.test.app.KitTestApplication;

/** {@link McpTestClientContractTests} in-process (no port), protocol 2026-07-28. */
@SpringBootTest(classes = KitTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.MOCK)
@AutoConfigureMcpTestClient(protocolVersion = "2026-07-28")
class InProcessModernClientTests extends McpTestClientContractTests {

    @Override
    String era() {
        return "inprocessmodern";
    }
}
