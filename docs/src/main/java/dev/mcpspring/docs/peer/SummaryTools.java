package dev.mcpspring.docs.peer;

// tag::class[]
import org.springframework.stereotype.Component;

import dev.mcpspring.annotation.McpTool;
import dev.mcpspring.annotation.McpToolParam;
import dev.mcpspring.protocol.ModelPreferences;
import dev.mcpspring.protocol.SamplingRequest;
import dev.mcpspring.protocol.SamplingResult;
import dev.mcpspring.server.PeerHandle;

@Component
class SummaryTools {

    @McpTool(description = "Summarise a text with the client's model")
    String summarize(@McpToolParam(description = "The text") String text, PeerHandle peer) {
        SamplingResult answer = peer.sample(SamplingRequest.ofUserText("Summarise:\n" + text, 300)
            .withSystemPrompt("You write one-paragraph summaries.")
            .withModelPreferences(ModelPreferences.hints("claude-3-5-haiku")));
        return answer.text();                          // or peer.sampleText(prompt, maxTokens)
    }
}
// end::class[]
