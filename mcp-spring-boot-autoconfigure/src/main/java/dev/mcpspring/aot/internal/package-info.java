/**
 * Internal: not part of the public API; may change in any release without notice.
 * <p>
 * Ahead-of-time processing for GraalVM native images and Spring's AOT mode: the reflection hints of what the
 * starter finds, calls and binds reflectively. {@link AnnotatedMethodsAotProcessor} records, at build time, the
 * {@code @McpTool}, {@code @McpResource}, {@code @McpPrompt} and {@code @McpComplete} methods of the application's
 * beans (invoked reflectively) and the types of their parameters and results (bound and written by Jackson,
 * described by the JSON Schema generator); {@link McpRuntimeHints} covers the starter's own needs: the protocol
 * records and enums Jackson reads and writes, the messages between cluster instances, and the few JDK and Reactor
 * methods called reflectively. Both are registered in {@code META-INF/spring/aot.factories}; nothing else in the
 * starter depends on this package.
 */
@NullMarked
package dev.mcpspring.aot.internal;

import org.jspecify.annotations.NullMarked;
