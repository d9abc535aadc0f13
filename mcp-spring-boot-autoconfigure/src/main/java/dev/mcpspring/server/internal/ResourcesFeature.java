package dev.mcpspring.server.internal;

import java.util.Map;

import dev.mcpspring.protocol.ErrorCodes;
import dev.mcpspring.protocol.JsonRpcCodec;
import dev.mcpspring.protocol.ListResourceTemplatesResult;
import dev.mcpspring.protocol.ListResourcesResult;
import dev.mcpspring.protocol.McpException;
import dev.mcpspring.protocol.McpMethods;
import dev.mcpspring.protocol.PaginatedRequest;
import dev.mcpspring.protocol.ReadResourceResult;
import dev.mcpspring.server.ResourceRead;
import dev.mcpspring.server.ResourceRegistry;
import dev.mcpspring.server.ResourceSpecification;
import dev.mcpspring.server.ResourceTemplateRegistry;
import dev.mcpspring.server.ResourceTemplateSpecification;
import dev.mcpspring.session.SessionClosedException;
import dev.mcpspring.session.SessionManager;
import tools.jackson.databind.JsonNode;

/**
 * {@code resources/list}, {@code resources/templates/list}, {@code resources/read}, {@code resources/subscribe}
 * and {@code resources/unsubscribe}.
 */
final class ResourcesFeature {

    private final ResourceRegistry resources;

    private final ResourceTemplateRegistry templates;

    private final SessionManager sessions;

    private final JsonRpcCodec codec;

    private final int pageSize;

    private final SubscriptionLimits limits;

    ResourcesFeature(ResourceRegistry resources, ResourceTemplateRegistry templates, SessionManager sessions,
            JsonRpcCodec codec, int pageSize, SubscriptionLimits limits) {
        this.resources = resources;
        this.templates = templates;
        this.sessions = sessions;
        this.codec = codec;
        this.pageSize = pageSize;
        this.limits = limits;
    }

    void register(Map<String, RequestHandler> handlers) {
        handlers.put(McpMethods.RESOURCES_LIST, this::list);
        handlers.put(McpMethods.RESOURCES_TEMPLATES_LIST, this::listTemplates);
        handlers.put(McpMethods.RESOURCES_READ, this::read);
        handlers.put(McpMethods.RESOURCES_SUBSCRIBE, this::subscribe);
        handlers.put(McpMethods.RESOURCES_UNSUBSCRIBE, this::unsubscribe);
    }

    private Object list(RequestContext context, JsonNode params) {
        PaginatedRequest request = codec.bindParams(params, PaginatedRequest.class);
        Pagination.Page<ResourceSpecification> page = Pagination.page(resources.list(),
                spec -> spec.resource().uri(), request.cursor(), pageSize);
        return new ListResourcesResult(page.items().stream().map(ResourceSpecification::resource).toList(),
                page.nextCursor());
    }

    private Object listTemplates(RequestContext context, JsonNode params) {
        PaginatedRequest request = codec.bindParams(params, PaginatedRequest.class);
        Pagination.Page<ResourceTemplateSpecification> page = Pagination.page(templates.list(),
                spec -> spec.template().uriTemplate(), request.cursor(), pageSize);
        return new ListResourceTemplatesResult(
                page.items().stream().map(ResourceTemplateSpecification::template).toList(), page.nextCursor());
    }

    private Object read(RequestContext context, JsonNode params) {
        String uri = requireUri(params, McpMethods.RESOURCES_READ);
        ReadResourceResult result = resources.find(uri)
            .map(spec -> spec.reader().read(new ResourceRead(uri, Map.of(), context)))
            .orElseGet(() -> templates.match(uri)
                .map(match -> match.specification().reader().read(new ResourceRead(uri, match.variables(), context)))
                .orElseThrow(() -> notFound(uri)));
        return result == null ? ReadResourceResult.of() : result;
    }

    private Object subscribe(RequestContext context, JsonNode params) {
        String uri = requireUri(params, McpMethods.RESOURCES_SUBSCRIBE);
        if (resources.find(uri).isEmpty() && templates.match(uri).isEmpty()) {
            throw notFound(uri);
        }
        if (context.sessionId() == null) {
            throw McpException.invalidRequest("resources/subscribe needs a session; this server is stateless");
        }
        // every subscription is kept for the session's life: bounded, as everything a client makes the server keep
        SubscriptionLimits.checkUri(McpMethods.RESOURCES_SUBSCRIBE, uri);
        limits.checkCount(McpMethods.RESOURCES_SUBSCRIBE, sessions.subscriptionCount(context.sessionId()) + 1,
                "unsubscribe from one first");
        try {
            sessions.subscribe(context.sessionId(), uri);
        }
        catch (SessionClosedException ex) { // closed while this request ran
            throw McpException.invalidRequest(ex.getMessage());
        }
        return Map.of();
    }

    private Object unsubscribe(RequestContext context, JsonNode params) {
        String uri = requireUri(params, McpMethods.RESOURCES_UNSUBSCRIBE);
        if (context.sessionId() != null) {
            sessions.unsubscribe(context.sessionId(), uri);
        }
        return Map.of();
    }

    private static String requireUri(JsonNode params, String method) {
        JsonNode uri = params == null ? null : params.get("uri");
        if (uri == null || !uri.isString() || uri.asString().isEmpty()) {
            throw McpException.invalidParams(method + ": \"uri\" is required and must be a string");
        }
        return uri.asString();
    }

    private static McpException notFound(String uri) {
        return new McpException(ErrorCodes.RESOURCE_NOT_FOUND, "Resource not found: " + uri, Map.of("uri", uri));
    }
}
