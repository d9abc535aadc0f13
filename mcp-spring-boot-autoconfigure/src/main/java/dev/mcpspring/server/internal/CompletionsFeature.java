package dev.mcpspring.server.internal;

import java.util.List;
import java.util.Map;

import dev.mcpspring.protocol.CompleteRequest;
import dev.mcpspring.protocol.CompleteResult;
import dev.mcpspring.protocol.ErrorCodes;
import dev.mcpspring.protocol.JsonRpcCodec;
import dev.mcpspring.protocol.McpException;
import dev.mcpspring.protocol.McpMethods;
import dev.mcpspring.server.CompletionInvocation;
import dev.mcpspring.server.CompletionRegistry;
import dev.mcpspring.server.PromptRegistry;
import dev.mcpspring.server.ResourceTemplateRegistry;
import tools.jackson.databind.JsonNode;

/**
 * {@code completion/complete}: suggestions for prompt arguments and template variables. A known prompt or
 * template without a completion for the argument gets an empty list; an unknown one is an invalid-params error.
 */
final class CompletionsFeature {

    private final CompletionRegistry completions;

    private final PromptRegistry prompts;

    private final ResourceTemplateRegistry templates;

    private final JsonRpcCodec codec;

    CompletionsFeature(CompletionRegistry completions, PromptRegistry prompts, ResourceTemplateRegistry templates,
            JsonRpcCodec codec) {
        this.completions = completions;
        this.prompts = prompts;
        this.templates = templates;
        this.codec = codec;
    }

    void register(Map<String, RequestHandler> handlers) {
        handlers.put(McpMethods.COMPLETION_COMPLETE, this::complete);
    }

    private Object complete(RequestContext context, JsonNode params) {
        if (completions.isEmpty()) { // the completion utility's "capability not supported"
            throw new McpException(ErrorCodes.METHOD_NOT_FOUND, "Method not found: completion/complete (this server "
                    + "offers no completions: it does not declare the completions capability)");
        }
        CompleteRequest request = codec.bindParams(params, CompleteRequest.class);
        CompleteRequest.Reference ref = request.ref();
        if (ref == null || request.argument() == null || request.argument().name() == null) {
            throw McpException.invalidParams("completion/complete: \"ref\" and \"argument.name\" are required");
        }
        String target = target(ref);
        String value = request.argument().value() == null ? "" : request.argument().value();
        Map<String, String> chosen = request.context() == null || request.context().arguments() == null ? Map.of()
                : request.context().arguments();
        CompleteResult result = completions.find(ref.type(), target, request.argument().name())
            .map(spec -> spec.handler()
                .result(new CompletionInvocation(request.argument().name(), value, chosen, context)))
            .orElse(null);
        return limited(result);
    }

    /** At most {@value CompleteResult#MAX_VALUES} values, whatever a handler returned. */
    private static CompleteResult limited(CompleteResult result) {
        if (result == null || result.completion() == null || result.completion().values() == null) {
            return CompleteResult.of(List.of());
        }
        CompleteResult.Completion completion = result.completion();
        List<String> values = completion.values();
        if (values.size() <= CompleteResult.MAX_VALUES) {
            return result;
        }
        int total = Math.max(values.size(), completion.total() == null ? 0 : completion.total());
        return new CompleteResult(new CompleteResult.Completion(
                List.copyOf(values.subList(0, CompleteResult.MAX_VALUES)), total, true), result.meta());
    }

    private String target(CompleteRequest.Reference ref) {
        if (CompleteRequest.PROMPT_REF.equals(ref.type())) {
            if (ref.name() == null || prompts.find(ref.name()).isEmpty()) {
                throw McpException.invalidParams("Unknown prompt: '" + ref.name() + "'");
            }
            return ref.name();
        }
        if (CompleteRequest.RESOURCE_REF.equals(ref.type())) {
            if (ref.uri() == null || templates.find(ref.uri()).isEmpty()) {
                throw McpException.invalidParams("Unknown resource template: '" + ref.uri() + "'");
            }
            return ref.uri();
        }
        throw McpException.invalidParams("completion/complete: ref.type must be \"ref/prompt\" or "
                + "\"ref/resource\", not '" + ref.type() + "'");
    }
}
