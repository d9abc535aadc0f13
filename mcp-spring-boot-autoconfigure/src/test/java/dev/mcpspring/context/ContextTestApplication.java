package dev.mcpspring.context;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;

/**
 * The application of the context propagation tests: auto-configuration only, no component scanning; each test
 * adds {@link ContextTestConfiguration} and what else it needs.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
// Spring Security's web auto-configuration is on this module's test class path for the dev.mcpspring.security
// tests; without it these tests see the endpoint unsecured, as an application without Spring Security does
@EnableAutoConfiguration(excludeName = {
        "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
        "org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration" })
public class ContextTestApplication {
}
