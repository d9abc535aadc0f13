package dev.mcpspring.server;

import java.util.Map;
import java.util.Optional;

/** The resource templates this server offers, in template order. */
public class ResourceTemplateRegistry extends OrderedRegistry<ResourceTemplateSpecification> {

    /**
     * A template matching {@code uri} and the values of its variables.
     *
     * @param specification the template
     * @param variables     the values
     */
    public record Match(ResourceTemplateSpecification specification, Map<String, String> variables) {
    }

    /** The first template (in order) that {@code uri} is an expansion of. */
    public Optional<Match> match(String uri) {
        for (ResourceTemplateSpecification specification : list()) {
            Optional<Map<String, String>> variables = specification.uriTemplate().match(uri);
            if (variables.isPresent()) {
                return Optional.of(new Match(specification, variables.get()));
            }
        }
        return Optional.empty();
    }

    @Override
    protected String keyOf(ResourceTemplateSpecification item) {
        return item.template().uriTemplate();
    }

    @Override
    protected String sourceOf(ResourceTemplateSpecification item) {
        return item.source();
    }

    @Override
    protected String kind() {
        return "resource template";
    }

    @Override
    protected void validate(ResourceTemplateSpecification item) {
        if (item.template().name() == null) {
            throw new IllegalArgumentException("MCP resource template " + item.source() + " needs a name");
        }
    }
}
