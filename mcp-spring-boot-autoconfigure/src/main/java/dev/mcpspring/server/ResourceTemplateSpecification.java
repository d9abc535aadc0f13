package dev.mcpspring.server;

import dev.mcpspring.protocol.ResourceTemplate;

/**
 * A family of resources named by a URI template: its definition as listed, and the code that reads a member.
 *
 * @param template    the definition sent in {@code resources/templates/list}
 * @param uriTemplate the parsed template, to recognise URIs
 * @param reader      what runs on {@code resources/read} for a matching URI
 * @param source      where it came from, for error messages
 */
public record ResourceTemplateSpecification(ResourceTemplate template, UriTemplate uriTemplate,
        ResourceReader reader, String source) {

    /**
     * @throws IllegalArgumentException when the template is not a valid RFC 6570 template
     */
    public ResourceTemplateSpecification(ResourceTemplate template, ResourceReader reader, String source) {
        this(template, UriTemplate.parse(template.uriTemplate()), reader, source);
    }

    public ResourceTemplateSpecification(ResourceTemplate template, ResourceReader reader) {
        this(template, reader, template.uriTemplate());
    }
}
