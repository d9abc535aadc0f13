package dev.mcpspring.conformance;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The fixture server for the official MCP conformance suite. It uses only the starter's public API, exactly as
 * an application would; {@code scripts/conformance.sh} starts it and runs every server scenario against it.
 * Started with {@code --mcp.server.session.store=redis --spring.data.redis.port=<port>} it is a node of a cluster
 * sharing its sessions through Redis ({@code scripts/conformance-cluster.sh} runs the suite through nginx in front
 * of two such nodes).
 */
@SpringBootApplication
@EnableScheduling
public class ConformanceServerApplication {

    public static void main(String[] args) {
        SpringApplication.run(ConformanceServerApplication.class, args);
    }
}
