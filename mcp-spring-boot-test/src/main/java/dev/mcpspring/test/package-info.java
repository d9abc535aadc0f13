/**
 * The test kit: {@link dev.mcpspring.test.McpTestClient}, which a {@code @SpringBootTest} gets with
 * {@link dev.mcpspring.test.AutoConfigureMcpTestClient} to call the application's tools, resources and prompts as an
 * MCP client (in-process or over HTTP, in either protocol era), with scripted answers to the server's requests and
 * AssertJ assertions on the results ({@link dev.mcpspring.test.McpResultAssert}).
 */
@NullMarked
package dev.mcpspring.test;

import org.jspecify.annotations.NullMarked;
