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

    /**
     * The most specific template that {@code uri} is an expansion of (see {@link UriTemplate#isMoreSpecificThan}):
     * of {@code docs://{id}/meta} and {@code docs://{+path}}, {@code docs://7/meta} is the first one's.
     */
    public Optional<Match> match(String uri) {
        Match best = null;
        for (ResourceTemplateSpecification specification : list()) {
            if (best != null && !specification.uriTemplate().isMoreSpecificThan(best.specification().uriTemplate())) {
                continue;
            }
            Optional<Map<String, String>> variables = specification.uriTemplate().match(uri);
            if (variables.isPresent()) {
                best = new Match(specification, variables.get());
            }
        }
        return Optional.ofNullable(best);
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
        for (ResourceTemplateSpecification existing : list()) {
            if (existing.uriTemplate().matchesTheSameAs(item.uriTemplate())
                    && !existing.template().uriTemplate().equals(item.template().uriTemplate())) {
                throw new IllegalArgumentException("MCP resource templates '" + existing.template().uriTemplate()
                        + "' (" + existing.source() + ") and '" + item.template().uriTemplate() + "' ("
                        + item.source() + ") match the same URIs: only one of them could ever be read");
            }
        }
    }
}
