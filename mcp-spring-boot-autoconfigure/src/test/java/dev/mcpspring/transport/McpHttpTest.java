package dev.mcpspring.transport;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;

/**
 * The shared setup of the HTTP tests that run against the standard test server: the test tools, a known server
 * identity, short keep-alives, a small body limit and an allow-list of origins. Every class carrying it shares
 * one application context (and one server).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(classes = { McpTestApplication.class, TestTools.class },
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "mcp.server.name=test-server", "mcp.server.title=Test Server", "mcp.server.version=9.9.9",
                "mcp.server.instructions=Call echo to repeat text.",
                "mcp.server.transport.keep-alive-interval=150ms", "mcp.server.transport.max-body-size=8KB",
                "mcp.server.security.allowed-origins=https://app.example.com,https://tools.example.org:8443" })
@interface McpHttpTest {
}
