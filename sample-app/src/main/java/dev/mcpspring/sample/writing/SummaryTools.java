package dev.mcpspring.sample.writing;

import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

import dev.mcpspring.annotation.McpTool;
import dev.mcpspring.annotation.McpToolParam;
import dev.mcpspring.protocol.CallToolResult;
import dev.mcpspring.protocol.LoggingLevel;
import dev.mcpspring.protocol.ModelPreferences;
import dev.mcpspring.protocol.SamplingRequest;
import dev.mcpspring.protocol.SamplingResult;
import dev.mcpspring.server.McpPeerErrorException;
import dev.mcpspring.server.McpPeerTimeoutException;
import dev.mcpspring.server.PeerHandle;

/**
 * Sampling: a tool that borrows the client's language model instead of bringing its own.
 * <p>
 * {@code summarize} sends {@code sampling/createMessage} with a system prompt, a token budget and model
 * preferences (the client picks the model; the hints only say what would suit). The client may show the request
 * to its user, edit or refuse it. Each way it can fail becomes a tool error whose text tells the calling model
 * what to do instead: the client has no sampling capability, the user refused, or no answer came in time
 * ({@code mcp.server.peer.sampling-timeout}). Its log message shows how a tool keeps what it did before asking the
 * client from happening twice when a 2026-07-28 client's retry runs it again ({@code PeerHandle#requestState()}).
 */
@Component
public class SummaryTools {

    static final String SYSTEM_PROMPT = "You write faithful, concise summaries. Use only facts stated in the text. "
            + "Answer with the summary alone, without a preamble.";

    /** The request state's key for "the client was told that its model is being asked". */
    private static final String ANNOUNCED = "announced";

    /** Longer texts belong in a resource or a file, not in a tool argument. */
    static final int MAX_TEXT_LENGTH = 100_000;

    /**
     * Small, fast models are enough for summaries: hints are matched as substrings of model names, and the
     * priorities (0 to 1) say that speed and cost matter more than raw capability here.
     */
    static final ModelPreferences PREFERENCES = new ModelPreferences(
            List.of(new ModelPreferences.Hint("claude-haiku"), new ModelPreferences.Hint("mini")), 0.5, 0.8, 0.3);

    @McpTool(name = "summarize", title = "Summarise a text",
            description = "Summarises a text in at most the given number of words, using the client's language "
                    + "model; returns the summary",
            readOnlyHint = true, openWorldHint = false)
    public CallToolResult summarize(@McpToolParam(description = "The text to summarise") String text,
            @McpToolParam(description = "Longest summary in words, 10 to 500; 60 when omitted",
                    required = false) @Nullable Integer maxWords,
            PeerHandle peer) {
        int words = maxWords == null ? 60 : maxWords;
        if (text.isBlank()) {
            return CallToolResult.error("The text is empty: give the text to summarise");
        }
        if (text.length() > MAX_TEXT_LENGTH) {
            return CallToolResult.error("The text has " + text.length() + " characters; summarise at most "
                    + MAX_TEXT_LENGTH + " at a time");
        }
        if (words < 10 || words > 500) {
            return CallToolResult.error("maxWords must be between 10 and 500, not " + words);
        }
        SamplingRequest request = SamplingRequest
            .ofUserText("Summarise this text in at most " + words + " words:\n\n" + text, words * 2)
            .withSystemPrompt(SYSTEM_PROMPT)
            .withModelPreferences(PREFERENCES)
            .withTemperature(0.2);
        if (!peer.clientSupport().sampling()) {
            return CallToolResult.error("This client does not let servers use its language model (no sampling "
                    + "capability), so summarize cannot work here. Summarise the text yourself instead.");
        }
        // A 2026-07-28 client answers in a second request, and this method runs again from the top with the answer
        // at hand: the request's state remembers that the client was already told, so it is told once
        if (peer.requestState().get(ANNOUNCED, Boolean.class).isEmpty()) {
            peer.log(LoggingLevel.INFO, "summarize", "Asking the client's model to summarise " + text.length()
                    + " characters in at most " + words + " words");
            peer.requestState().put(ANNOUNCED, true);
        }
        SamplingResult answer;
        try {
            answer = peer.sample(request);
        }
        catch (McpPeerErrorException ex) {
            return CallToolResult.error("The client refused the summary request (" + ex.error().message()
                    + "). Do not retry unless the user asks; summarise the text yourself instead.");
        }
        catch (McpPeerTimeoutException ex) {
            return CallToolResult.error("The client's model did not answer in time. Try a shorter text or "
                    + "summarise it yourself.");
        }
        String summary = answer.text().strip();
        if (summary.isEmpty()) {
            return CallToolResult.error("The client's model returned no text (stop reason: "
                    + answer.stopReason() + ")");
        }
        return CallToolResult.text(summary);
    }
}
