package dev.mcpspring.bench.mcp;

import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Import;

import dev.mcpspring.bench.control.BenchControlController;
import dev.mcpspring.bench.control.ServerDefaults;

/**
 * The starter under test: {@link BenchTools} and every default of the starter (virtual-thread handler executor
 * where the JVM has it, context propagation, keep-alive comments, session expiry). The only MCP property set is
 * the session cap, raised so that the 100,000-session heap measurement can run.
 */
@SpringBootApplication
@Import(BenchControlController.class)
public class McpBenchApplication {

    public static void main(String[] args) {
        SpringApplication application = new SpringApplication(McpBenchApplication.class);
        Map<String, Object> properties = ServerDefaults.properties();
        properties.put("spring.application.name", "mcp-bench");
        // default 10,000: an initialize beyond it is refused with 503. Raised for the 100,000-session measurement.
        properties.put("mcp.server.session.max-sessions", "250000");
        application.setDefaultProperties(properties);
        application.run(args);
    }
}
