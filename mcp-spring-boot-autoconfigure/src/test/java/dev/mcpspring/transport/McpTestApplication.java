package dev.mcpspring.transport;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;

/**
 * The smallest application using the starter: auto-configuration only, no component scanning, so each test
 * chooses exactly which extra configuration (tools, overriding beans) it adds.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
// Spring Security's web auto-configuration is on this module's test class path for the dev.mcpspring.security
// tests; without it these tests see the endpoint unsecured, as an application without Spring Security does
@EnableAutoConfiguration(excludeName = {
        "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
        "org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration" })
public class McpTestApplication {
}
