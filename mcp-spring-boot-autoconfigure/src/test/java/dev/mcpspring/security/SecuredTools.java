package dev.mcpspring.security;

import java.security.Principal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

import dev.mcpspring.annotation.McpTool;
import dev.mcpspring.protocol.CallToolResult;
import dev.mcpspring.protocol.Tool;
import dev.mcpspring.server.ToolSpecification;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** Tools of the security tests: one for anyone, some that require scopes, and what they saw of the caller. */
public class SecuredTools {

    /** How many times a scoped tool actually ran. */
    final AtomicInteger scopedRuns = new AtomicInteger();

    @McpTool(name = "whoami", description = "Tells who called")
    public Map<String, Object> whoami(Principal principal, Authentication authentication) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("principal", principal == null ? null : principal.getName());
        result.put("principalType", principal == null ? null : principal.getClass().getSimpleName());
        result.put("authentication", authentication == null ? null : authentication.getName());
        result.put("authorities", authentication == null ? List.of()
                : authentication.getAuthorities().stream().map(GrantedAuthority::getAuthority).sorted().toList());
        return result;
    }

    @McpTool(name = "reset_board", description = "Needs tasks:admin", scopes = "tasks:admin")
    public String resetBoard() {
        scopedRuns.incrementAndGet();
        return "reset";
    }

    @McpTool(name = "publish", description = "Needs two scopes", scopes = { "tasks:write", "tasks:publish" })
    public String publish() {
        scopedRuns.incrementAndGet();
        return "published";
    }

    /** A hand-written tool with a required scope. */
    static ToolSpecification reportSpecification(SecuredTools tools) {
        ObjectNode schema = JsonNodeFactory.instance.objectNode().put("type", "object");
        return new ToolSpecification(new Tool("report", null, "Needs reports:read", schema, null, null, null, null),
                invocation -> {
                    tools.scopedRuns.incrementAndGet();
                    return CallToolResult.of();
                }).withRequiredScopes(Set.of("reports:read"));
    }
}
