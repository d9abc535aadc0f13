package dev.mcpspring.registry;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;

/**
 * The shared setup of the HTTP tests against the server of {@link RegistryFixtures}, with two items per list
 * page. Every class carrying it shares one application context; a test that registers something at runtime
 * removes it again.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(classes = { RegistryTestApplication.class, RegistryFixtures.class },
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "mcp.server.name=registry-test-server", "mcp.server.page-size=2",
                "mcp.server.transport.keep-alive-interval=200ms" })
@interface RegistryHttpTest {
}
