package dev.mcpspring.server;

import java.util.List;

/** Suggests values for one prompt argument or template variable ({@code completion/complete}). */
@FunctionalInterface
public interface CompletionHandler {

    /** Every suggestion for what the user typed so far; the server sends the first 100 with the total. */
    List<String> complete(CompletionInvocation invocation);
}
