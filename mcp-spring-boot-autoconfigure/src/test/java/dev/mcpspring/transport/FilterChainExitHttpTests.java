package dev.mcpspring.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletResponse;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;

import dev.mcpspring.modern.ModernClient;
import dev.mcpspring.testclient.McpResponse;
import dev.mcpspring.testclient.McpTestClient;
import dev.mcpspring.testclient.OpenRequest;

/**
 * A handler writes its answer only once the request's thread has left the filters: a filter that works on the
 * response after the chain (as Spring Security's {@code HeaderWriterFilter} adds its headers) never finds it
 * committed by the handler's thread or by the SSE flusher, and no header is lost to two threads setting headers at
 * once. (An answer that comes at once is written on the request's own thread, inside the chain, as a controller's
 * is.)
 */
@SpringBootTest(classes = { McpTestApplication.class, TestTools.class, FilterChainExitHttpTests.SlowExit.class },
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class FilterChainExitHttpTests extends HttpTestSupport {

    @Autowired
    SlowExit slowExit;

    @Test
    void theAnswerIsWrittenAfterTheFiltersAreDoneWithTheResponse() {
        McpTestClient client = connected();
        slowExit.committedAfterChain.clear();
        for (int i = 0; i < 5; i++) {
            // whoami may wait for the client (it is given the request's context), so it runs on another thread
            McpResponse response = client.callTool("whoami", Map.of());

            assertThat(response.status()).isEqualTo(200);
            assertThat(response.header("X-After-Chain")).as("the filter's header, added after the chain").isPresent();
        }
        assertThat(slowExit.committedAfterChain).hasSize(5).containsOnly(false);
    }

    @Test
    void aStreamsEventsAreNotWrittenWhileTheFiltersUnwind() {
        ModernClient client = new ModernClient(port);
        slowExit.committedWhileUnwinding.clear();
        for (int i = 0; i < 3; i++) {
            // the acknowledgement is queued on the request's thread and written by the SSE flusher, at its next tick:
            // before the servlet returns, or once the request's thread has left the filters, never in between
            try (OpenRequest listen = client.start("subscriptions/listen",
                    client.params(Map.of("notifications", Map.of("toolsListChanged", true))))) {
                assertThat(listen.nextMessage(Duration.ofSeconds(10)).path("method").asString())
                    .isEqualTo("notifications/subscriptions/acknowledged");
            }
        }
        // the filter records 50 ms after the servlet returned, which may be after the client has read and closed
        await().untilAsserted(() -> assertThat(slowExit.committedWhileUnwinding).hasSize(3));
        assertThat(slowExit.committedWhileUnwinding).containsOnly(false);
    }

    @Test
    void anAnswerWrittenOnTheRequestsThreadKeepsItsHeaders() {
        for (int i = 0; i < 5; i++) {
            McpResponse response = client().initialize(); // answered at once, on the request's thread

            assertThat(response.status()).isEqualTo(200);
            assertThat(response.sessionId()).as("the session header").isPresent();
        }
    }

    /** A filter that takes its time after the chain, then adds a header, as a security filter might. */
    @TestConfiguration(proxyBeanMethods = false)
    static class SlowExit {

        final List<Boolean> committedAfterChain = new CopyOnWriteArrayList<>();

        /** Whether another thread committed the response while the filter was at work after the chain. */
        final List<Boolean> committedWhileUnwinding = new CopyOnWriteArrayList<>();

        @Bean
        FilterRegistrationBean<Filter> slowExitFilter() {
            Filter filter = (request, response, chain) -> {
                chain.doFilter(request, response);
                boolean committedBefore = response.isCommitted();
                try {
                    Thread.sleep(50); // the handler of an initialize is done well within this
                }
                catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                }
                committedAfterChain.add(response.isCommitted());
                committedWhileUnwinding.add(response.isCommitted() != committedBefore);
                ((HttpServletResponse) response).addHeader("X-After-Chain", "yes");
            };
            FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(filter);
            registration.addUrlPatterns("/mcp");
            registration.setOrder(0);
            registration.setAsyncSupported(true);
            return registration;
        }
    }
}
