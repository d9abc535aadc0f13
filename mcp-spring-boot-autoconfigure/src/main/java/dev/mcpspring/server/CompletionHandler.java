package dev.mcpspring.server;

import java.util.List;

import dev.mcpspring.protocol.CompleteResult;

/** Suggests values for one prompt argument or template variable ({@code completion/complete}). */
@FunctionalInterface
public interface CompletionHandler {

    /** Every suggestion for what the user typed so far; the server sends the first 100 with the total. */
    List<String> complete(CompletionInvocation invocation);

    /**
     * The result sent to the client. By default the first {@value CompleteResult#MAX_VALUES} values of
     * {@link #complete(CompletionInvocation)}, with {@code total} and {@code hasMore}. Override it to report a
     * total without producing every value (for example a count from a database); the server still sends at most
     * {@value CompleteResult#MAX_VALUES} values.
     */
    default CompleteResult result(CompletionInvocation invocation) {
        List<String> values = complete(invocation);
        return CompleteResult.of(values == null ? List.of() : values);
    }
}
