/**
 * Observation of MCP with Micrometer, after the OpenTelemetry semantic conventions for MCP:
 * {@link ObservationRequestObserver}, the {@link dev.mcpspring.server.McpRequestObserver} the starter installs when
 * Micrometer is on the class path, observes every message received ({@link McpServerObservationContext}) and every
 * request sent to a client ({@link McpClientObservationContext}), named and tagged by an
 * {@link McpServerObservationConvention} / {@link McpClientObservationConvention} (by default
 * {@link DefaultMcpServerObservationConvention} / {@link DefaultMcpClientObservationConvention}, documented by
 * {@link McpObservationDocumentation}); {@link McpServerMetrics} adds the session duration and the gauges
 * ({@link McpMeterDocumentation}).
 */
@NullMarked
package dev.mcpspring.observation;

import org.jspecify.annotations.NullMarked;
