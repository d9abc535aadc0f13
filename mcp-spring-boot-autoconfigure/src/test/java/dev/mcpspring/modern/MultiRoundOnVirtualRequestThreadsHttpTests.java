package dev.mcpspring.modern;

import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;
import org.springframework.test.context.TestPropertySource;

/**
 * The multi round-trip suite with Tomcat on virtual threads, where a request runs on its own thread: a long
 * request still turns into a kept-alive stream, and closing it still cancels the request.
 */
@TestPropertySource(properties = "spring.threads.virtual.enabled=true")
@EnabledForJreRange(min = JRE.JAVA_21)
class MultiRoundOnVirtualRequestThreadsHttpTests extends MultiRoundHttpTests {
}
