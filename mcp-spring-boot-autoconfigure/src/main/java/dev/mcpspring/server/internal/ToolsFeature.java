package dev.mcpspring.server.internal;

import java.util.Map;
import java.util.Set;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import dev.mcpspring.protocol.CallToolRequest;
import dev.mcpspring.protocol.CallToolResult;
import dev.mcpspring.protocol.JsonRpcCodec;
import dev.mcpspring.protocol.ListToolsResult;
import dev.mcpspring.protocol.McpException;
import dev.mcpspring.protocol.McpMethods;
import dev.mcpspring.protocol.PaginatedRequest;
import dev.mcpspring.protocol.ProtocolVersion;
import dev.mcpspring.server.GrantedScopes;
import dev.mcpspring.server.InputRequiredException;
import dev.mcpspring.server.McpClientCapabilityException;
import dev.mcpspring.server.ToolInvocation;
import dev.mcpspring.server.ToolRegistry;
import dev.mcpspring.server.ToolSpecification;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code tools/list} and {@code tools/call}. */
final class ToolsFeature {

    private static final Log logger = LogFactory.getLog(ToolsFeature.class);

    private final ToolRegistry tools;

    private final JsonRpcCodec codec;

    private final int pageSize;

    private final GrantedScopes grantedScopes;

    ToolsFeature(ToolRegistry tools, JsonRpcCodec codec, int pageSize, GrantedScopes grantedScopes) {
        this.tools = tools;
        this.codec = codec;
        this.pageSize = pageSize;
        this.grantedScopes = grantedScopes;
    }

    void register(Map<String, RequestHandler> handlers) {
        handlers.put(McpMethods.TOOLS_LIST, this::list);
        handlers.put(McpMethods.TOOLS_CALL, this::call);
    }

    private Object list(RequestContext context, JsonNode params) {
        PaginatedRequest request = codec.bindParams(params, PaginatedRequest.class);
        Pagination.Page<ToolSpecification> page = Pagination.page(tools.list(), spec -> spec.tool().name(),
                request.cursor(), pageSize);
        return new ListToolsResult(page.items().stream().map(ToolSpecification::tool).toList(), page.nextCursor());
    }

    private Object call(RequestContext context, JsonNode params) {
        CallToolRequest request = codec.bindParams(params, CallToolRequest.class);
        if (request.name() == null) {
            throw McpException.invalidParams("tools/call: \"name\" is required");
        }
        ToolSpecification tool = tools.find(request.name())
            .orElseThrow(() -> McpException.invalidParams("Unknown tool: '" + request.name() + "'"));
        checkScopes(tool, context);
        ObjectNode arguments = request.arguments() == null ? codec.mapper().createObjectNode() : request.arguments();
        try {
            CallToolResult result = tool.handler().call(new ToolInvocation(arguments, context));
            return result == null ? CallToolResult.of() : result;
        }
        catch (McpException | InputRequiredException ex) {
            throw ex;
        }
        catch (McpClientCapabilityException ex) {
            if (ProtocolVersion.isModern(context.protocolVersion())) { // 2026-07-28 has an error for it
                throw ex.toProtocolError();
            }
            logger.warn("MCP tool '" + request.name() + "' failed", ex);
            context.scope().error(ex); // the observation records the exception; its outcome is the tool error
            return CallToolResult.error(ToolFailures.describe(request.name(), ex));
        }
        catch (RuntimeException ex) {
            logger.warn("MCP tool '" + request.name() + "' failed", ex);
            context.scope().error(ex);
            return CallToolResult.error(ToolFailures.describe(request.name(), ex));
        }
    }

    /**
     * Refuses the call when the tool requires scopes the caller was not granted. Every tool is listed whatever the
     * caller's scopes, so that a client learns of a tool it may be granted later (step-up authorization).
     */
    private void checkScopes(ToolSpecification tool, RequestContext context) {
        Set<String> required = tool.requiredScopes();
        if (required.isEmpty()) {
            return;
        }
        Set<String> granted = context.principal() == null ? Set.of() : grantedScopes.of(context.principal());
        Set<String> missing = ToolScopes.missing(required, granted == null ? Set.of() : granted);
        if (!missing.isEmpty()) {
            String who = context.principal() == null ? "an anonymous caller"
                    : "'" + context.principal().getName() + "'";
            logger.info("Refused MCP tool '" + tool.tool().name() + "' to " + who + ": missing scope(s) "
                    + String.join(" ", missing));
            throw ToolScopes.insufficientScope(tool.tool().name(), required, missing);
        }
    }
}
