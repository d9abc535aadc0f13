package dev.mcpspring.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;

import dev.mcpspring.annotation.McpTool;
import dev.mcpspring.modern.ModernClient;
import dev.mcpspring.protocol.internal.VirtualThreads;
import dev.mcpspring.server.McpRequestContext;
import dev.mcpspring.server.PeerHandle;
import dev.mcpspring.server.internal.HandlerExecutors;
import dev.mcpspring.testclient.McpResponse;
import dev.mcpspring.testclient.McpTestClient;

/**
 * Which thread a tool runs on, with the container's pooled threads and the starter's handler executor: a tool that cannot
 * wait for the client runs on the container's request thread, in both protocol eras; one that can (it takes a
 * {@link PeerHandle} or a {@link McpRequestContext}, or answers later) runs on the handler executor, so that its
 * wait holds no container thread. A call on the container's thread is answered before the servlet returns, without
 * an asynchronous request, when the client takes JSON.
 */
@SpringBootTest(classes = { McpTestApplication.class, RequestThreadHttpTests.ThreadTools.class },
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RequestThreadHttpTests extends HttpTestSupport {

    private static final String VIRTUAL = "(virtual)";

    /** The header of the requests whose {@link #asyncStarted} the filter records. */
    private static final String RECORD = "X-Record-Async-Started";

    /**
     * Whether each recorded POST to the endpoint had started an asynchronous request when the servlet returned.
     * Only requests with the {@value #RECORD} header are recorded, so that no earlier request's record (the filter
     * may record after the client has read the answer) lands in a later test's list.
     */
    private static final List<Boolean> asyncStarted = new CopyOnWriteArrayList<>();

    /** The names of the container's threads that have run a request to the endpoint (Tomcat's, Jetty's, ...). */
    private static final Set<String> containerThreads = ConcurrentHashMap.newKeySet();

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

    @Test
    void onTheContainersThreadTheAnswerIsWrittenBeforeTheServletReturnsAsAControllersIs() {
        McpTestClient legacy = connected();
        asyncStarted.clear();

        assertContainerThread(threadOf(recorded(legacy, "tools/call", legacy.callToolParams("plain", Map.of(), null))));
        assertContainerThread(threadOf(recordingModernClient().callTool("plain", Map.of())));
        recorded(legacy, "tools/list", null);

        assertRecorded(false, false, false);
    }

    @Test
    void onTheHandlerExecutorTheAnswerIsAsynchronous() {
        McpTestClient legacy = connected();
        asyncStarted.clear();

        assertNotContainerThread(
                threadOf(recorded(legacy, "tools/call", legacy.callToolParams("with_peer", Map.of(), null))));
        assertNotContainerThread(threadOf(recordingModernClient().callTool("with_peer", Map.of())));

        assertRecorded(true, true);
    }

    @Test
    void aClientTakingOnlySseGetsAnAsynchronousStreamFromTheContainersThreadToo() {
        McpTestClient legacy = connected();
        asyncStarted.clear();

        McpResponse response = legacy.post(legacy.message(legacy.nextId(), "tools/call",
                legacy.callToolParams("plain", Map.of(), null)))
            .header("Accept", "text/event-stream")
            .header(RECORD, "on")
            .send();

        assertThat(response.isSse()).as("%s", response).isTrue();
        assertContainerThread(threadOf(response));
        assertRecorded(true);
    }

    /** Sends a request of {@code method} in {@code legacy}'s session, to be recorded. */
    private static McpResponse recorded(McpTestClient legacy, String method, Object params) {
        return legacy.post(legacy.message(legacy.nextId(), method, params)).header(RECORD, "on").send();
    }

    private ModernClient recordingModernClient() {
        return new ModernClient(McpTestClient.builder(URI.create("http://localhost:" + port + "/mcp"))
            .header(RECORD, "on")
            .build());
    }

    /**
     * The filter records after the chain returns, which for an answer written before the servlet returns can be
     * after the client has read it: wait for the records.
     */
    private static void assertRecorded(Boolean... expected) {
        await().untilAsserted(() -> assertThat(asyncStarted).containsExactly(expected));
    }

    private static String threadOf(McpResponse response) {
        return text(response.result());
    }

    private static void assertContainerThread(String thread) {
        assertThat(containerThreads).contains(thread);
    }

    /** On the handler executor: a virtual thread where the JVM has them, else a thread of the bounded pool. */
    private static void assertNotContainerThread(String thread) {
        assertThat(containerThreads).doesNotContain(thread);
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
        return VirtualThreads.isVirtual(thread) ? VIRTUAL : thread.getName();
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class ThreadTools {

        @Bean
        Tools threadTools() {
            return new Tools();
        }

        @Bean
        FilterRegistrationBean<Filter> requestRecorder() {
            FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>((request, response, chain) -> {
                containerThreads.add(currentThread());
                chain.doFilter(request, response);
                if (((HttpServletRequest) request).getHeader(RECORD) != null) {
                    asyncStarted.add(request.isAsyncStarted());
                }
            });
            registration.addUrlPatterns("/mcp");
            return registration;
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
