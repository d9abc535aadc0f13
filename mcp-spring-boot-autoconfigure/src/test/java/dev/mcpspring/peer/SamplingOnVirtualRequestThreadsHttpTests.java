package dev.mcpspring.peer;

import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;
import org.springframework.test.context.TestPropertySource;

/**
 * The sampling suite with Tomcat on virtual threads: the tool then waits for the client's answer on its request's
 * own thread, and the answer arrives on another request's.
 */
@TestPropertySource(properties = "spring.threads.virtual.enabled=true")
@EnabledForJreRange(min = JRE.JAVA_21)
class SamplingOnVirtualRequestThreadsHttpTests extends SamplingHttpTests {
}
