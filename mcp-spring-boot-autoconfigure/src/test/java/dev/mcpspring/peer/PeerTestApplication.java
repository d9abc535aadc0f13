package dev.mcpspring.peer;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;

/**
 * The application of the back-channel tests: the starter's auto-configuration and nothing else; each test adds
 * {@link PeerTools}.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
public class PeerTestApplication {
}
