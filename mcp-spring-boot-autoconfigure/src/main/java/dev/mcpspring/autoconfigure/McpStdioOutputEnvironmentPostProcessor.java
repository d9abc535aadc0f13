package dev.mcpspring.autoconfigure;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;

import dev.mcpspring.transport.stdio.StdioStreams;

/**
 * Reserves standard output for the protocol before the application's configuration files are read, when the
 * command line, a system property or an environment variable already says {@code mcp.server.transport.type=stdio}
 * (as a client's configuration does): a failure to read them (a missing {@code spring.config.import}, a malformed
 * {@code application.yml}) is then reported on standard error, where the client shows the server's log, not on
 * standard output, where the client expects protocol messages only. {@link McpStdioEnvironmentPostProcessor} does
 * the rest once the files are read, and reserves standard output when only they say stdio.
 */
public class McpStdioOutputEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

    private final Runnable reserveStandardOutput;

    /** The post-processor Spring Boot finds in {@code META-INF/spring.factories}. */
    public McpStdioOutputEnvironmentPostProcessor() {
        this(StdioStreams::system);
    }

    McpStdioOutputEnvironmentPostProcessor(Runnable reserveStandardOutput) {
        this.reserveStandardOutput = reserveStandardOutput;
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (McpStdioEnvironmentPostProcessor.isStdio(environment)) {
            reserveStandardOutput.run();
        }
    }

    /** Before the application's configuration files are read, and whatever their reading logs. */
    @Override
    public int getOrder() {
        return ConfigDataEnvironmentPostProcessor.ORDER - 1;
    }
}
