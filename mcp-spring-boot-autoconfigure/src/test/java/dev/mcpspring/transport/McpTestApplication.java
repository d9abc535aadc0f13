package dev.mcpspring.transport;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;

/**
 * The smallest application using the starter: auto-configuration only, no component scanning, so each test
 * chooses exactly which extra configuration (tools, overriding beans) it adds.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
public class McpTestApplication {
}
