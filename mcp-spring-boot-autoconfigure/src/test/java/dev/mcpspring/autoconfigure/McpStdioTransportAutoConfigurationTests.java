package dev.mcpspring.autoconfigure;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.Pipe;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

import dev.mcpspring.transport.StreamableHttpServlet;
import dev.mcpspring.transport.stdio.StdioStreams;
import dev.mcpspring.transport.stdio.StdioTransport;
import dev.mcpspring.transport.stdio.internal.DefaultStdioTransport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

/**
 * The stdio transport: only with {@code mcp.server.transport.type=stdio}, never beside the Streamable HTTP endpoint,
 * its beans backing off for the application's own; and the environment a stdio process gets before it starts.
 */
class McpStdioTransportAutoConfigurationTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner().withConfiguration(
            AutoConfigurations.of(McpServerAutoConfiguration.class, McpStdioTransportAutoConfiguration.class));

    /**
     * Streams of the test's own, so that no context here touches the JVM's standard streams; the input never ends
     * (an ended one would close the context at once).
     */
    private final StdioStreams streams = new StdioStreams(silentInput(), new ByteArrayOutputStream());

    @Test
    void theTransportIsStdioOnlyWhenThePropertySaysSo() {
        runner.run(context -> assertThat(context).doesNotHaveBean(StdioTransport.class)
            .doesNotHaveBean(StdioStreams.class));
        runner.withPropertyValues("mcp.server.transport.type=streamable-http")
            .run(context -> assertThat(context).doesNotHaveBean(StdioTransport.class));
        runner.withPropertyValues("mcp.server.transport.type=STDIO")
            .withBean(StdioStreams.class, () -> streams)
            .run(context -> assertThat(context).getBean(StdioTransport.class)
                .isInstanceOf(DefaultStdioTransport.class));
    }

    @Test
    void theHttpEndpointIsNotRegisteredBesideStdio() {
        WebApplicationContextRunner web = new WebApplicationContextRunner().withConfiguration(AutoConfigurations.of(
                McpServerAutoConfiguration.class, McpServletTransportAutoConfiguration.class,
                McpStdioTransportAutoConfiguration.class));
        web.run(context -> assertThat(context).hasSingleBean(StreamableHttpServlet.class)
            .doesNotHaveBean(StdioTransport.class));
        web.withPropertyValues("mcp.server.transport.type=stdio").withBean(StdioStreams.class, () -> streams)
            .run(context -> assertThat(context).doesNotHaveBean(StreamableHttpServlet.class)
                .hasSingleBean(StdioTransport.class));
    }

    @Test
    void theStreamsAndTheTransportBackOffForTheApplicationsOwn() {
        ApplicationContextRunner stdio = runner.withPropertyValues("mcp.server.transport.type=stdio");
        stdio.withBean(StdioStreams.class, () -> streams)
            .run(context -> assertThat(context).getBean(StdioStreams.class).isSameAs(streams));
        StdioTransport own = mock(StdioTransport.class);
        stdio.withBean(StdioStreams.class, () -> streams).withBean(StdioTransport.class, () -> own)
            .run(context -> {
                assertThat(context).doesNotHaveBean("mcpStdioTransport");
                assertThat(context).getBean(StdioTransport.class).isSameAs(own);
            });
    }

    @Test
    void aStdioApplicationGetsNoWebServerNoBannerAndAKeepAliveUnlessItSaysOtherwise() {
        AtomicInteger reserved = new AtomicInteger();
        McpStdioEnvironmentPostProcessor postProcessor = new McpStdioEnvironmentPostProcessor(
                reserved::incrementAndGet);

        StandardEnvironment http = environment(Map.of());
        postProcessor.postProcessEnvironment(http, new SpringApplication());
        assertThat(http.getProperty("spring.main.web-application-type")).isNull();
        assertThat(reserved).as("standard output left alone").hasValue(0);

        StandardEnvironment stdio = environment(Map.of("mcp.server.transport.type", "stdio",
                "spring.main.banner-mode", "console"));
        postProcessor.postProcessEnvironment(stdio, new SpringApplication());
        postProcessor.postProcessEnvironment(stdio, new SpringApplication()); // a second pass changes nothing
        assertThat(stdio.getProperty("spring.main.web-application-type")).isEqualTo("none");
        assertThat(stdio.getProperty("spring.main.keep-alive")).isEqualTo("true");
        assertThat(stdio.getProperty("spring.main.banner-mode")).as("the application's own setting")
            .isEqualTo("console");
        assertThat(reserved).as("standard output reserved for the protocol").hasValue(1);
    }

    @Test
    void standardOutputIsReservedBeforeTheConfigurationFilesAreReadWhenTheCommandLineSaysStdio() {
        AtomicInteger reserved = new AtomicInteger();
        McpStdioOutputEnvironmentPostProcessor postProcessor = new McpStdioOutputEnvironmentPostProcessor(
                reserved::incrementAndGet);
        assertThat(postProcessor.getOrder()).as("before the files are read, and a failure to read them reported")
            .isLessThan(ConfigDataEnvironmentPostProcessor.ORDER);

        postProcessor.postProcessEnvironment(environment(Map.of()), new SpringApplication());
        assertThat(reserved).as("standard output left alone").hasValue(0);

        postProcessor.postProcessEnvironment(environment(Map.of("mcp.server.transport.type", "stdio")),
                new SpringApplication());
        assertThat(reserved).as("standard output reserved for the protocol").hasValue(1);
    }

    private static InputStream silentInput() {
        try {
            return Channels.newInputStream(Pipe.open().source());
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private static StandardEnvironment environment(Map<String, Object> properties) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("test", properties));
        return environment;
    }
}
