/**
 * Observation of MCP requests with Micrometer's Observation API: {@link ObservationRequestObserver}, the
 * {@link dev.mcpspring.server.McpRequestObserver} the starter installs when Micrometer is on the class path.
 */
@NullMarked
package dev.mcpspring.observation;

import org.jspecify.annotations.NullMarked;
