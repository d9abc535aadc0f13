package dev.mcpspring.peer;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;

/**
 * The shared setup of the back-channel tests against the standard peer test server (default time-outs, so a
 * call to the client only ends early when a test says so). Every class carrying it shares one application
 * context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(classes = { PeerTestApplication.class, PeerTools.class },
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "mcp.server.name=peer-test-server")
@interface PeerHttpTest {
}
