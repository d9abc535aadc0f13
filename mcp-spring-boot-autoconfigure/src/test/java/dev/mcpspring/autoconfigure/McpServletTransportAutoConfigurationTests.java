package dev.mcpspring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import jakarta.servlet.http.HttpServlet;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import jakarta.servlet.Filter;
import org.springframework.core.Ordered;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.ServletRegistrationBean;

import dev.mcpspring.transport.StreamableHttpServlet;
import dev.mcpspring.transport.internal.DefaultStreamableHttpServlet;

/** The Streamable HTTP endpoint of a servlet application, and its beans backing off for the application's own. */
class McpServletTransportAutoConfigurationTests {

    private final WebApplicationContextRunner web = new WebApplicationContextRunner().withConfiguration(
            AutoConfigurations.of(McpServerAutoConfiguration.class, McpServletTransportAutoConfiguration.class));

    @Test
    void inAServletApplicationTheEndpointIsRegisteredAndBacksOffForTheApplicationsOwn() {
        web.run(context -> assertThat(context).hasSingleBean(StreamableHttpServlet.class)
            .hasBean("mcpServletRegistration"));
        ServletRegistrationBean<HttpServlet> own = new ServletRegistrationBean<>(new HttpServlet() { }, "/mine");
        web.withBean("mcpServletRegistration", ServletRegistrationBean.class, () -> own)
            .run(context -> assertThat(context.getBean("mcpServletRegistration")).isSameAs(own));
        new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(McpServerAutoConfiguration.class,
                McpServletTransportAutoConfiguration.class))
            .run(context -> assertThat(context).as("not a web application")
                .doesNotHaveBean(StreamableHttpServlet.class));
    }

    @Test
    void theServletsThreadsEndWithTheContextEvenWhenNoServletContainerEverHadTheServlet() {
        long before = sseThreads();
        web.run(context -> {
            assertThat(context).hasSingleBean(StreamableHttpServlet.class);
            assertThat(sseThreads()).isEqualTo(before + 2);
        });
        // as after a start-up that failed: the context closes, the container never destroyed the servlet
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> sseThreads() == before);
    }

    private static long sseThreads() {
        return Thread.getAllStackTraces().keySet().stream()
            .filter(thread -> thread.isAlive() && thread.getName().startsWith("mcp-sse-"))
            .count();
    }

    @Test
    void theServletBacksOffForTheApplicationsOwnWhichIsRegisteredInstead() {
        web.run(context -> assertThat(context).hasBean("mcpStreamableHttpServlet")
            .getBean(StreamableHttpServlet.class)
            .isInstanceOf(DefaultStreamableHttpServlet.class));
        StreamableHttpServlet own = new StreamableHttpServlet() { };
        web.withBean(StreamableHttpServlet.class, () -> own).run(context -> {
            assertThat(context).doesNotHaveBean("mcpStreamableHttpServlet");
            assertThat(context).getBean(StreamableHttpServlet.class).isSameAs(own);
            assertThat(context.getBean("mcpServletRegistration", ServletRegistrationBean.class).getServlet())
                .isSameAs(own);
        });
    }

    @Test
    void theFilterChainExitIsRegisteredOutermostOnTheEndpointAndBacksOffForTheApplicationsOwn() {
        web.withPropertyValues("mcp.server.endpoint=/tools/mcp").run(context -> {
            FilterRegistrationBean<?> exit = context.getBean("mcpFilterChainExitRegistration",
                    FilterRegistrationBean.class);
            assertThat(exit.getOrder()).isEqualTo(Ordered.HIGHEST_PRECEDENCE);
            assertThat(exit.getUrlPatterns()).containsExactly("/tools/mcp");
            assertThat(exit.isAsyncSupported()).isTrue();
        });
        FilterRegistrationBean<Filter> own = new FilterRegistrationBean<>((request, response, chain) -> chain
            .doFilter(request, response));
        web.withBean("mcpFilterChainExitRegistration", FilterRegistrationBean.class, () -> own)
            .run(context -> assertThat(context.getBean("mcpFilterChainExitRegistration")).isSameAs(own));
    }

    @Test
    void theDnsRebindingChecksComeRightAfterItWithSpringSecurityAndBackOffForTheApplicationsOwn() {
        web.withPropertyValues("mcp.server.endpoint=/tools/mcp").run(context -> {
            FilterRegistrationBean<?> checks = context.getBean("mcpDnsRebindingFilterRegistration",
                    FilterRegistrationBean.class);
            assertThat(checks.getOrder()).isEqualTo(Ordered.HIGHEST_PRECEDENCE + 2);
            assertThat(checks.getUrlPatterns()).containsExactly("/tools/mcp");
            assertThat(checks.isAsyncSupported()).isTrue();
        });
        web.withClassLoader(new FilteredClassLoader("org.springframework.security.web"))
            .run(context -> assertThat(context).doesNotHaveBean("mcpDnsRebindingFilterRegistration"));
        FilterRegistrationBean<Filter> own = new FilterRegistrationBean<>((request, response, chain) -> chain
            .doFilter(request, response));
        web.withBean("mcpDnsRebindingFilterRegistration", FilterRegistrationBean.class, () -> own)
            .run(context -> assertThat(context.getBean("mcpDnsRebindingFilterRegistration")).isSameAs(own));
    }
}
