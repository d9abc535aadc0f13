package dev.mcpspring.conformance;

import java.util.Base64;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import dev.mcpspring.annotation.McpResource;
import dev.mcpspring.server.ResourceUpdates;

/** Resources and the template of the {@code resources-*} scenarios. */
@Component
public class ResourceFixtures {

    static final String WATCHED_URI = "test://watched-resource";

    private final ResourceUpdates updates;

    private volatile long version;

    public ResourceFixtures(ResourceUpdates updates) {
        this.updates = updates;
    }

    @McpResource(uri = "test://static-text", name = "static-text", title = "Static Text Resource",
            description = "A static text resource for testing", mimeType = "text/plain")
    public String staticText() {
        return "This is the content of the static text resource.";
    }

    @McpResource(uri = "test://static-binary", name = "static-binary", title = "Static Binary Resource",
            description = "A static binary resource (image) for testing", mimeType = "image/png")
    public byte[] staticBinary() {
        return Base64.getDecoder().decode(ContentTools.PNG);
    }

    @McpResource(uri = WATCHED_URI, name = "watched-resource", title = "Watched Resource",
            description = "A resource that auto-updates every 3 seconds", mimeType = "text/plain")
    public String watched() {
        return "Watched resource content, version " + version;
    }

    @McpResource(uri = "test://template/{id}/data", name = "template", title = "Resource Template",
            description = "A resource template with parameter substitution", mimeType = "application/json")
    public TemplateData template(String id) {
        return new TemplateData(id, true, "Data for ID: " + id);
    }

    /** Changes the watched resource and tells the subscribed sessions ({@code notifications/resources/updated}). */
    @Scheduled(fixedRate = 3000, initialDelay = 3000)
    void touchWatchedResource() {
        version++;
        updates.resourceUpdated(WATCHED_URI);
    }

    /**
     * The JSON the template returns.
     *
     * @param id           the {@code id} variable
     * @param templateTest always {@code true}
     * @param data         a text naming the id
     */
    public record TemplateData(String id, boolean templateTest, String data) {
    }
}
