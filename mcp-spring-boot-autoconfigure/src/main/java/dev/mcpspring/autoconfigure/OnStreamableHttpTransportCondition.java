package dev.mcpspring.autoconfigure;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.NoneNestedConditions;

/**
 * Matches unless {@code mcp.server.transport.type=stdio}: Streamable HTTP is the transport by default, and never
 * beside stdio (a process that a client starts for stdio must not also open a port).
 */
class OnStreamableHttpTransportCondition extends NoneNestedConditions {

    OnStreamableHttpTransportCondition() {
        super(ConfigurationPhase.PARSE_CONFIGURATION);
    }

    @ConditionalOnProperty(name = "mcp.server.transport.type", havingValue = "stdio")
    static class Stdio {
    }
}
