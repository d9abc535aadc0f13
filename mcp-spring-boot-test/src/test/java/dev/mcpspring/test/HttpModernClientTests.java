package dev.mcpspring.test;

import org.springframework.boot.test.context.SpringBootTest;

import dev.mcpspring.test.app.KitTestApplication;

/** {@link McpTestClientContractTests} over HTTP to a random port, protocol 2026-07-28. */
@SpringBootTest(classes = KitTestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureMcpTestClient(protocolVersion = "2026-07-28")
class HttpModernClientTests extends McpTestClientContractTests {

    @Override
    String era() {
        return "httpmodern";
    }
}
