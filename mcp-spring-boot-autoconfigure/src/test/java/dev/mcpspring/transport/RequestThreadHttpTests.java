package dev.mcpspring.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

import dev.mcpspring.annotation.McpTool;
import dev.mcpspring.modern.ModernClient;
import dev.mcpspring.server.McpRequestContext;
import dev.mcpspring.server.PeerHandle;
import dev.mcpspring.server.internal.HandlerExecutors;
import dev.mcpspring.testclient.McpResponse;

/**
 * Which thread a tool runs on, with Tomcat's pooled threads and the starter's handler executor: a tool that cannot
 * wait for the client runs on the container's request thread, in both protocol eras; one that can (it takes a
 * {@link PeerHandle} or a {@link McpRequestContext}, or answers later) runs on the handler executor, so that its
 * wait holds no container thread.
 */
@SpringBootTest(classes = { McpTestApplication.class, RequestThreadHttpTests.ThreadTools.class },
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RequestThreadHttpTests extends HttpTestSupport {

    private static final String VIRTUAL = "(virtual)";

    @Test
    void aToolThatCannotWaitForTheClientRunsOnTheContainersThread() {
        assertContainerThread(threadOf(connected().callTool("plain", Map.of())));
    }

    @Test
    void soItDoesForAModernClient() {
        assertContainerThread(threadOf(new ModernClient(port).callTool("plain", Map.of())));
    }

    @Test
    void aToolTakingAPeerHandleRunsOnTheHandlerExecutor() {
        assertNotContainerThread(threadOf(connected().callTool("with_peer", Map.of())));
        assertNotContainerThread(threadOf(new ModernClient(port).callTool("with_peer", Map.of())));
    }

    @Test
    void aToolTakingTheRequestContextRunsOnTheHandlerExecutor() {
        assertNotContainerThread(threadOf(connected().callTool("with_context", Map.of())));
    }

    @Test
    void aToolThatAnswersLaterRunsOnTheHandlerExecutor() {
        assertNotContainerThread(threadOf(connected().callTool("later", Map.of())));
    }

    private static String threadOf(McpResponse response) {
        return text(response.result());
    }

    private static void assertContainerThread(String thread) {
        assertThat(thread).startsWith("http-nio").contains("exec");
    }

    /** On the handler executor: a virtual thread where the JVM has them, else a thread of the bounded pool. */
    private static void assertNotContainerThread(String thread) {
        if (HandlerExecutors.virtualThreadsAvailable()) {
            assertThat(thread).isEqualTo(VIRTUAL);
        }
        else {
            assertThat(thread).startsWith("mcp-handler-");
        }
    }

    /** The name of the current thread, or {@value #VIRTUAL} for a virtual one (which has no name). */
    static String currentThread() {
        Thread thread = Thread.currentThread();
        return HandlerExecutors.isVirtual(thread) ? VIRTUAL : thread.getName();
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class ThreadTools {

        @Bean
        Tools threadTools() {
            return new Tools();
        }
    }

    /** Each tool answers with the name of the thread it ran on. */
    static class Tools {

        @McpTool(description = "Names its thread")
        public String plain() {
            return currentThread();
        }

        @McpTool(name = "with_peer", description = "Names its thread; could ask the client")
        public String withPeer(PeerHandle peer) {
            return currentThread();
        }

        @McpTool(name = "with_context", description = "Names its thread; could ask the client")
        public String withContext(McpRequestContext context) {
            return currentThread();
        }

        @McpTool(description = "Names the thread it was called on, later")
        public CompletionStage<String> later() {
            return CompletableFuture.completedFuture(currentThread());
        }
    }
}
