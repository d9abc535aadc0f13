package dev.mcpspring.server;

/** The resources at fixed URIs this server offers, in URI order. */
public class ResourceRegistry extends OrderedRegistry<ResourceSpecification> {

    @Override
    protected String keyOf(ResourceSpecification item) {
        return item.resource().uri();
    }

    @Override
    protected String sourceOf(ResourceSpecification item) {
        return item.source();
    }

    @Override
    protected String kind() {
        return "resource URI";
    }

    @Override
    protected void validate(ResourceSpecification item) {
        if (item.resource().uri() == null || item.resource().name() == null) {
            throw new IllegalArgumentException("MCP resource " + item.source() + " needs a uri and a name");
        }
    }
}
