package dev.mcpspring.peer;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;

/**
 * The application of the back-channel tests: the starter's auto-configuration and nothing else; each test adds
 * {@link PeerTools}.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
// Spring Security's web auto-configuration is on this module's test class path for the dev.mcpspring.security
// tests; without it these tests see the endpoint unsecured, as an application without Spring Security does
@EnableAutoConfiguration(excludeName = {
        "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
        "org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration" })
public class PeerTestApplication {
}
