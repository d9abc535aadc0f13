package dev.mcpspring.peer;

import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;
import org.springframework.test.context.TestPropertySource;

/** The cancellation suite with Tomcat on virtual threads, where a tool runs on its request's own thread. */
@TestPropertySource(properties = "spring.threads.virtual.enabled=true")
@EnabledForJreRange(min = JRE.JAVA_21)
class CancellationOnVirtualRequestThreadsHttpTests extends CancellationHttpTests {
}
