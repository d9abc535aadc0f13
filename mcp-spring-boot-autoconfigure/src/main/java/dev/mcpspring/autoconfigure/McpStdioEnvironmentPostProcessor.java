package dev.mcpspring.autoconfigure;

import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

import dev.mcpspring.transport.stdio.StdioStreams;

/**
 * Prepares an application whose MCP server speaks stdio ({@code mcp.server.transport.type=stdio}, from any
 * property source, the application's configuration files included) before anything is logged or printed: standard
 * output is reserved for the protocol ({@link StdioStreams#system()} points {@code System.out}, and with it the
 * console log, at standard error), and defaults are added for what a process started by an MCP client needs: no
 * web server, no banner, and a context that keeps the JVM alive until the client closes the pipe. The
 * application's own settings of those properties win.
 */
public class McpStdioEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

    /** The name of the property source holding the defaults. */
    public static final String PROPERTY_SOURCE_NAME = "mcpStdioDefaults";

    private static final Map<String, Object> DEFAULTS = Map.of(
            "spring.main.web-application-type", "none",
            "spring.main.banner-mode", "off",
            "spring.main.keep-alive", "true");

    private final Runnable reserveStandardOutput;

    /** The post-processor Spring Boot finds in {@code META-INF/spring.factories}. */
    public McpStdioEnvironmentPostProcessor() {
        this(StdioStreams::system);
    }

    McpStdioEnvironmentPostProcessor(Runnable reserveStandardOutput) {
        this.reserveStandardOutput = reserveStandardOutput;
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (!isStdio(environment) || environment.getPropertySources().contains(PROPERTY_SOURCE_NAME)) {
            return;
        }
        reserveStandardOutput.run();
        environment.getPropertySources().addLast(new MapPropertySource(PROPERTY_SOURCE_NAME, DEFAULTS));
    }

    static boolean isStdio(ConfigurableEnvironment environment) {
        String type = environment.getProperty("mcp.server.transport.type");
        return type != null && type.trim().equalsIgnoreCase("stdio");
    }

    /** After the application's configuration files are read, which may say stdio. */
    @Override
    public int getOrder() {
        return ConfigDataEnvironmentPostProcessor.ORDER + 1;
    }
}
