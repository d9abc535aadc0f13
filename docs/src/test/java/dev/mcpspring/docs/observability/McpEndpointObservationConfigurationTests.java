package dev.mcpspring.docs.observability;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationPredicate;
import org.junit.jupiter.api.Test;

import org.springframework.http.server.observation.ServerRequestObservationContext;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** The predicate of the observability page leaves out Spring's observation of the MCP endpoint's requests alone. */
class McpEndpointObservationConfigurationTests {

    private final ObservationPredicate predicate = new McpEndpointObservationConfiguration()
        .noHttpObservationOfTheMcpEndpoint();

    @Test
    void leavesOutTheHttpObservationOfTheMcpEndpointOnly() {
        assertThat(predicate.test("http.server.requests", httpRequest("/mcp"))).isFalse();
        assertThat(predicate.test("http.server.requests", httpRequest("/actuator/health"))).isTrue();
        assertThat(predicate.test("mcp.server.operation.duration", new Observation.Context())).isTrue();
    }

    private static ServerRequestObservationContext httpRequest(String uri) {
        return new ServerRequestObservationContext(new MockHttpServletRequest("POST", uri),
                new MockHttpServletResponse());
    }
}
