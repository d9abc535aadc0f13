package dev.mcpspring.registry;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;

/**
 * The application of the registry tests: auto-configuration only, no component scanning; each test adds the
 * specification beans it needs.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
public class RegistryTestApplication {
}
