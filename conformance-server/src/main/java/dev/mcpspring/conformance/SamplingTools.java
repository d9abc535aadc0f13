package dev.mcpspring.conformance;

import org.springframework.stereotype.Component;

import dev.mcpspring.annotation.McpTool;
import dev.mcpspring.annotation.McpToolParam;
import dev.mcpspring.protocol.CallToolResult;
import dev.mcpspring.protocol.SamplingRequest;
import dev.mcpspring.protocol.SamplingResult;
import dev.mcpspring.server.McpClientCapabilityException;
import dev.mcpspring.server.PeerHandle;

/** Tools that ask the client's model for a completion ({@code sampling/createMessage}) while they run. */
@Component
public class SamplingTools {

    /** The {@code maxTokens} of the scenario's expected request. */
    private static final int MAX_TOKENS = 100;

    /**
     * Serves {@code tools-call-sampling} (2025-06-18, 2025-11-25): sends the prompt as one user text message with
     * {@code maxTokens} 100 on the call's stream and returns the model's answer as {@code "LLM response: ..."}.
     * A client without the {@code sampling} capability gets an error result.
     */
    @McpTool(name = "test_sampling", description = "Tests server-initiated sampling (LLM completion request)")
    public CallToolResult sampling(@McpToolParam(description = "The prompt to send to the LLM") String prompt,
            PeerHandle peer) {
        try {
            SamplingResult answer = peer.sample(SamplingRequest.ofUserText(prompt, MAX_TOKENS));
            return CallToolResult.text("LLM response: " + answer.text());
        }
        catch (McpClientCapabilityException ex) {
            return CallToolResult.error("Sampling is not supported by this client: " + ex.getMessage());
        }
    }
}
