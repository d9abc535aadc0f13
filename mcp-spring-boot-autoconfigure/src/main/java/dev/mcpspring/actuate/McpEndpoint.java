package dev.mcpspring.actuate;

import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import tools.jackson.databind.node.ObjectNode;

import dev.mcpspring.server.CompletionRegistry;
import dev.mcpspring.server.PromptRegistry;
import dev.mcpspring.server.ResourceRegistry;
import dev.mcpspring.server.ResourceTemplateRegistry;
import dev.mcpspring.server.ToolRegistry;

/**
 * The {@code mcp} Actuator endpoint: every tool, resource, resource template, prompt and completion the MCP server
 * offers, with its schema and where it came from (the bean method behind it), as {@code mappings} does for
 * controllers. Read-only; like most endpoints it is not exposed over the web unless the application exposes it
 * ({@code management.endpoints.web.exposure.include=mcp}).
 */
@Endpoint(id = "mcp")
public class McpEndpoint {

    private final ToolRegistry tools;

    private final ResourceRegistry resources;

    private final ResourceTemplateRegistry resourceTemplates;

    private final PromptRegistry prompts;

    private final CompletionRegistry completions;

    public McpEndpoint(ToolRegistry tools, ResourceRegistry resources, ResourceTemplateRegistry resourceTemplates,
            PromptRegistry prompts, CompletionRegistry completions) {
        this.tools = tools;
        this.resources = resources;
        this.resourceTemplates = resourceTemplates;
        this.prompts = prompts;
        this.completions = completions;
    }

    @ReadOperation
    public McpDescriptor mcp() {
        return new McpDescriptor(
                tools.list()
                    .stream()
                    .map(spec -> new ToolDescriptor(spec.tool().name(), spec.tool().title(),
                            spec.tool().description(), spec.tool().inputSchema(), spec.tool().outputSchema(),
                            List.copyOf(spec.requiredScopes()), spec.source()))
                    .toList(),
                resources.list()
                    .stream()
                    .map(spec -> new ResourceDescriptor(spec.resource().uri(), spec.resource().name(),
                            spec.resource().description(), spec.resource().mimeType(), spec.source()))
                    .toList(),
                resourceTemplates.list()
                    .stream()
                    .map(spec -> new ResourceTemplateDescriptor(spec.template().uriTemplate(), spec.template().name(),
                            spec.template().description(), spec.template().mimeType(), spec.source()))
                    .toList(),
                prompts.list()
                    .stream()
                    .map(spec -> new PromptDescriptor(spec.prompt().name(), spec.prompt().description(),
                            spec.prompt().arguments() == null ? List.of()
                                    : spec.prompt()
                                        .arguments()
                                        .stream()
                                        .map(argument -> new PromptArgumentDescriptor(argument.name(),
                                                argument.description(), Boolean.TRUE.equals(argument.required())))
                                        .toList(),
                            spec.source()))
                    .toList(),
                completions.list()
                    .stream()
                    .map(spec -> new CompletionDescriptor(spec.refType(), spec.ref(), spec.argument(), spec.source()))
                    .toList());
    }

    /** Everything the MCP server offers. */
    public record McpDescriptor(List<ToolDescriptor> tools, List<ResourceDescriptor> resources,
            List<ResourceTemplateDescriptor> resourceTemplates, List<PromptDescriptor> prompts,
            List<CompletionDescriptor> completions) {
    }

    /** A tool: its schemas, the scopes it requires and where it came from. */
    public record ToolDescriptor(String name, @Nullable String title, @Nullable String description,
            ObjectNode inputSchema, @Nullable ObjectNode outputSchema, List<String> requiredScopes, String source) {
    }

    /** A resource and where it came from. */
    public record ResourceDescriptor(String uri, String name, @Nullable String description, @Nullable String mimeType,
            String source) {
    }

    /** A resource template and where it came from. */
    public record ResourceTemplateDescriptor(String uriTemplate, String name, @Nullable String description,
            @Nullable String mimeType, String source) {
    }

    /** A prompt, its arguments and where it came from. */
    public record PromptDescriptor(String name, @Nullable String description,
            List<PromptArgumentDescriptor> arguments, String source) {
    }

    /** An argument of a prompt. */
    public record PromptArgumentDescriptor(String name, @Nullable String description, boolean required) {
    }

    /** A completion: the prompt or resource template argument it completes and where it came from. */
    public record CompletionDescriptor(String refType, String ref, String argument, String source) {
    }
}
