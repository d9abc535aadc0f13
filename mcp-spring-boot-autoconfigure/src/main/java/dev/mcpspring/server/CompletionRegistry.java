package dev.mcpspring.server;

import java.util.Optional;

/** The completions this server offers, one per prompt argument or template variable. */
public class CompletionRegistry extends OrderedRegistry<CompletionSpecification> {

    /** The completion of {@code argument} of the referenced prompt or template. */
    public Optional<CompletionSpecification> find(String refType, String ref, String argument) {
        return find(CompletionSpecification.key(refType, ref, argument));
    }

    @Override
    protected String keyOf(CompletionSpecification item) {
        return item.key();
    }

    @Override
    protected String sourceOf(CompletionSpecification item) {
        return item.source();
    }

    @Override
    protected String kind() {
        return "completion";
    }
}
