package dev.mcpspring.server.internal;

import dev.mcpspring.server.CompletionRegistry;
import dev.mcpspring.server.PromptRegistry;
import dev.mcpspring.server.ResourceRegistry;
import dev.mcpspring.server.ResourceTemplateRegistry;
import dev.mcpspring.server.ToolRegistry;

/**
 * Everything the server offers, each in its own registry; all may change while the server runs.
 *
 * @param tools             tools
 * @param resources         resources at fixed URIs
 * @param resourceTemplates resource templates
 * @param prompts           prompts
 * @param completions       completions of prompt arguments and template variables
 */
public record ServerRegistries(ToolRegistry tools, ResourceRegistry resources,
        ResourceTemplateRegistry resourceTemplates, PromptRegistry prompts, CompletionRegistry completions) {

    /** Empty registries. */
    public static ServerRegistries empty() {
        return new ServerRegistries(new ToolRegistry(), new ResourceRegistry(), new ResourceTemplateRegistry(),
                new PromptRegistry(), new CompletionRegistry());
    }
}
