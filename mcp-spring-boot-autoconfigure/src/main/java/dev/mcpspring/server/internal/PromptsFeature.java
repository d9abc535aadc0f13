package dev.mcpspring.server.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.mcpspring.protocol.GetPromptResult;
import dev.mcpspring.protocol.JsonRpcCodec;
import dev.mcpspring.protocol.ListPromptsResult;
import dev.mcpspring.protocol.McpException;
import dev.mcpspring.protocol.McpMethods;
import dev.mcpspring.protocol.PaginatedRequest;
import dev.mcpspring.protocol.Prompt;
import dev.mcpspring.server.PromptInvocation;
import dev.mcpspring.server.PromptRegistry;
import dev.mcpspring.server.PromptSpecification;
import tools.jackson.databind.JsonNode;

/** {@code prompts/list} and {@code prompts/get}. */
final class PromptsFeature {

    private final PromptRegistry prompts;

    private final JsonRpcCodec codec;

    private final int pageSize;

    PromptsFeature(PromptRegistry prompts, JsonRpcCodec codec, int pageSize) {
        this.prompts = prompts;
        this.codec = codec;
        this.pageSize = pageSize;
    }

    void register(Map<String, RequestHandler> handlers) {
        handlers.put(McpMethods.PROMPTS_LIST, this::list);
        handlers.put(McpMethods.PROMPTS_GET, this::get);
    }

    private Object list(RequestContext context, JsonNode params) {
        PaginatedRequest request = codec.bindParams(params, PaginatedRequest.class);
        Pagination.Page<PromptSpecification> page = Pagination.page(prompts.list(), spec -> spec.prompt().name(),
                request.cursor(), pageSize);
        return new ListPromptsResult(page.items().stream().map(PromptSpecification::prompt).toList(),
                page.nextCursor());
    }

    private Object get(RequestContext context, JsonNode params) {
        JsonNode name = params == null ? null : params.get("name");
        if (name == null || !name.isString()) {
            throw McpException.invalidParams("prompts/get: \"name\" is required and must be a string");
        }
        PromptSpecification prompt = prompts.find(name.asString())
            .orElseThrow(() -> McpException.invalidParams("Unknown prompt: '" + name.asString() + "'"));
        Map<String, String> arguments = arguments(params.get("arguments"));
        List<Prompt.Argument> declared = prompt.prompt().arguments() == null ? List.of() : prompt.prompt().arguments();
        for (Prompt.Argument argument : declared) {
            if (Boolean.TRUE.equals(argument.required()) && arguments.get(argument.name()) == null) {
                throw McpException.invalidParams("Missing required argument '" + argument.name() + "' of prompt '"
                        + name.asString() + "'");
            }
        }
        GetPromptResult result = prompt.handler().get(new PromptInvocation(arguments, context));
        return result == null ? GetPromptResult.of() : result;
    }

    private static Map<String, String> arguments(JsonNode node) {
        Map<String, String> arguments = new LinkedHashMap<>();
        if (node == null || node.isNull()) {
            return arguments;
        }
        if (!node.isObject()) {
            throw McpException.invalidParams("prompts/get: \"arguments\" must be an object of strings");
        }
        node.properties().forEach(entry -> {
            if (!entry.getValue().isString()) {
                throw McpException.invalidParams("prompts/get: argument '" + entry.getKey() + "' must be a string");
            }
            arguments.put(entry.getKey(), entry.getValue().asString());
        });
        return arguments;
    }
}
