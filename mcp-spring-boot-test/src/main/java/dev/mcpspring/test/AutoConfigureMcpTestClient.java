package dev.mcpspring.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.test.context.PropertyMapping;

/**
 * Gives a {@code @SpringBootTest} an {@link McpTestClient} bean for the application's MCP endpoint: in-process with
 * the default {@code MOCK} web environment (no port; the servlet and its filters run as in a container), over HTTP
 * with {@code RANDOM_PORT} or {@code DEFINED_PORT}.
 *
 * <pre class="code">
 * &#064;SpringBootTest
 * &#064;AutoConfigureMcpTestClient
 * class WeatherToolsTests {
 *
 *     &#064;Autowired
 *     McpTestClient mcp;
 *
 *     &#064;Test
 *     void forecast() {
 *         assertThat(mcp.callTool("forecast", Map.of("city", "Paris"))).isSuccessful().text().contains("Paris");
 *     }
 * }
 * </pre>
 *
 * The client is {@linkplain McpTestClient#reset() reset} after each test method.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ImportAutoConfiguration
@PropertyMapping("mcp.test.client")
public @interface AutoConfigureMcpTestClient {

    /**
     * The protocol version the client speaks: a 2025 revision (with a session) or {@code 2026-07-28} (stateless).
     * A test can switch with {@link McpTestClient#protocolVersion(String)}.
     */
    String protocolVersion() default McpTestClient.DEFAULT_PROTOCOL_VERSION;
}
