package dev.mcpspring.server;

/** The prompts this server offers, in name order. */
public class PromptRegistry extends OrderedRegistry<PromptSpecification> {

    @Override
    protected String keyOf(PromptSpecification item) {
        return item.prompt().name();
    }

    @Override
    protected String sourceOf(PromptSpecification item) {
        return item.source();
    }

    @Override
    protected String kind() {
        return "prompt name";
    }

    @Override
    protected void validate(PromptSpecification item) {
        if (item.prompt().name() == null || item.prompt().name().isBlank()) {
            throw new IllegalArgumentException("MCP prompt " + item.source() + " needs a name");
        }
    }
}
