package dev.mcpspring.context;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;

/**
 * The application of the context propagation tests: auto-configuration only, no component scanning; each test
 * adds {@link ContextTestConfiguration} and what else it needs.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
public class ContextTestApplication {
}
