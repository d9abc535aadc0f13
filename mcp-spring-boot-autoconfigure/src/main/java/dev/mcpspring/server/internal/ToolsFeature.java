package dev.mcpspring.server.internal;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

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

    private final @Nullable Tasks tasks;

    ToolsFeature(ToolRegistry tools, JsonRpcCodec codec, int pageSize, GrantedScopes grantedScopes) {
        this(tools, codec, pageSize, grantedScopes, null);
    }

    /** @param tasks runs calls as tasks, or {@code null} when tasks are disabled */
    ToolsFeature(ToolRegistry tools, JsonRpcCodec codec, int pageSize, GrantedScopes grantedScopes,
            @Nullable Tasks tasks) {
        this.tools = tools;
        this.codec = codec;
        this.pageSize = pageSize;
        this.grantedScopes = grantedScopes;
        this.tasks = tasks;
    }

    void register(Map<String, RequestHandler> handlers) {
        handlers.put(McpMethods.TOOLS_LIST, this::list);
        handlers.put(McpMethods.TOOLS_CALL, this::call);
    }

    private Object list(RequestContext context, JsonNode params) {
        PaginatedRequest request = codec.bindParams(params, PaginatedRequest.class);
        Pagination.Page<ToolSpecification> page = Pagination.page(tools.list(), spec -> spec.tool().name(),
                request.cursor(), pageSize);
        ListToolsResult result = new ListToolsResult(page.items().stream().map(ToolSpecification::tool).toList(),
                page.nextCursor());
        if (tasks != null && Tasks.hasLegacyTasks(context.protocolVersion())
                && page.items().stream().anyMatch(spec -> spec.taskSupport().allowsTasks())) {
            return withTaskSupport(result, page.items());
        }
        return result;
    }

    /** The list as 2025-11-25 writes it: with {@code execution.taskSupport} for the tools that may run as tasks. */
    private ObjectNode withTaskSupport(ListToolsResult result, List<ToolSpecification> specs) {
        ObjectNode json = (ObjectNode) codec.toTree(result);
        JsonNode listed = json.get("tools");
        for (int i = 0; i < specs.size(); i++) {
            if (specs.get(i).taskSupport().allowsTasks() && listed.get(i) instanceof ObjectNode tool) {
                tool.putObject("execution").put("taskSupport", specs.get(i).taskSupport().wireValue());
            }
        }
        return json;
    }

    private Object call(RequestContext context, JsonNode params) {
        String name = toolName(params);
        ToolSpecification tool = tools.find(name)
            .orElseThrow(() -> McpException.invalidParams("Unknown tool: '" + name + "'"));
        checkScopes(tool, context);
        ObjectNode arguments = arguments(params);
        if (tasks != null) {
            Object task = tasks.call(tool, arguments, context, params, this::invoke);
            if (task != null) {
                return task;
            }
        }
        return invoke(tool, new ToolInvocation(arguments, context), context);
    }

    // The params of tools/call are read member by member rather than bound to a record: it is the hottest request,
    // and binding one (its _meta as a map included) cost a tenth of a call's CPU.

    private static String toolName(@Nullable JsonNode params) {
        JsonNode name = params == null ? null : params.get("name");
        if (name == null || name.isNull()) {
            throw McpException.invalidParams("tools/call: \"name\" is required");
        }
        if (!name.isString()) {
            throw McpException.invalidParams("Invalid params: 'params.name' must be a string, the tool's name");
        }
        return name.asString();
    }

    private ObjectNode arguments(JsonNode params) {
        JsonNode arguments = params.get("arguments");
        if (arguments == null || arguments.isNull()) {
            return codec.mapper().createObjectNode();
        }
        if (!(arguments instanceof ObjectNode object)) {
            throw McpException.invalidParams("Invalid params: 'params.arguments' must be an object of the tool's "
                    + "arguments by name");
        }
        return object;
    }

    /** Runs the tool, answering its failures as tool errors, and protocol errors as such. */
    private CallToolResult invoke(ToolSpecification tool, ToolInvocation invocation, RequestContext context) {
        String name = tool.tool().name();
        try {
            CallToolResult result = tool.handler().call(invocation);
            return result == null ? CallToolResult.of() : result;
        }
        catch (McpException | InputRequiredException ex) {
            throw ex;
        }
        catch (McpClientCapabilityException ex) {
            if (ProtocolVersion.isModern(context.protocolVersion())) { // 2026-07-28 has an error for it
                throw ex.toProtocolError();
            }
            logger.warn("MCP tool '" + name + "' failed", ex);
            context.scope().error(ex); // the observation records the exception; its outcome is the tool error
            return CallToolResult.error(ToolFailures.describe(name, ex));
        }
        catch (RuntimeException ex) {
            logger.warn("MCP tool '" + name + "' failed", ex);
            context.scope().error(ex);
            return CallToolResult.error(ToolFailures.describe(name, ex));
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
            throw ToolScopes.insufficientScope(tool.tool().name(), required, missing, context.principal() != null);
        }
    }
}
