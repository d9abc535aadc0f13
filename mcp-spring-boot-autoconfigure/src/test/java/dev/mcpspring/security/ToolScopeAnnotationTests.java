package dev.mcpspring.security;

import java.security.Principal;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;

import dev.mcpspring.annotation.McpTool;
import dev.mcpspring.annotation.internal.AnnotatedToolFactory;
import dev.mcpspring.protocol.CallToolResult;
import dev.mcpspring.protocol.ClientCapabilities;
import dev.mcpspring.protocol.Content;
import dev.mcpspring.protocol.Implementation;
import dev.mcpspring.protocol.McpJsonMapper;
import dev.mcpspring.server.McpRequestContext;
import dev.mcpspring.server.PeerHandle;
import dev.mcpspring.server.ToolInvocation;
import dev.mcpspring.server.ToolSpecification;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/** {@code @McpTool(scopes)} and the injection of the caller, without HTTP. */
class ToolScopeAnnotationTests {

    private final AnnotatedToolFactory factory = new AnnotatedToolFactory(McpJsonMapper.create());

    @Test
    void theScopesOfTheAnnotationAreTheToolsRequiredScopesAndNotPartOfItsDefinition() {
        ToolSpecification tool = only(factory.createTools(new ScopedTools()));

        assertThat(tool.requiredScopes()).containsExactly("tasks:write", "tasks:admin");
        assertThat(tool.tool().inputSchema().path("properties").size()).isZero();
        assertThat(McpJsonMapper.create().valueToTree(tool.tool()).toString()).doesNotContain("tasks:");
    }

    @Test
    void anInvalidScopeFailsTheRegistrationNamingTheMethod() {
        assertThatIllegalStateException().isThrownBy(() -> factory.createTools(new InvalidScope()))
            .withMessageContaining("InvalidScope.both()")
            .withMessageContaining("'tasks:read tasks:write'");
    }

    @Test
    void principalAndAuthenticationAreInjectedFromTheRequestContext() {
        ToolSpecification tool = only(factory.createTools(new CallerTools()));
        Authentication alice = UsernamePasswordAuthenticationToken.authenticated("alice", null, List.of());

        assertThat(text(tool.handler().call(invocation(alice)))).isEqualTo("alice/alice");
        assertThat(text(tool.handler().call(invocation(() -> "bob")))).isEqualTo("bob/null");
        assertThat(text(tool.handler().call(invocation(null)))).isEqualTo("null/null");
    }

    private static ToolSpecification only(List<ToolSpecification> tools) {
        assertThat(tools).hasSize(1);
        return tools.get(0);
    }

    private static String text(CallToolResult result) {
        return ((Content.Text) result.content().get(0)).text();
    }

    private static ToolInvocation invocation(Principal principal) {
        return new ToolInvocation(JsonNodeFactory.instance.objectNode(), new McpRequestContext() {
            @Override
            public String sessionId() {
                return null;
            }

            @Override
            public String protocolVersion() {
                return "2025-11-25";
            }

            @Override
            public Implementation clientInfo() {
                return null;
            }

            @Override
            public ClientCapabilities clientCapabilities() {
                return null;
            }

            @Override
            public JsonNode requestId() {
                return JsonNodeFactory.instance.numberNode(1);
            }

            @Override
            public String method() {
                return "tools/call";
            }

            @Override
            public Object progressToken() {
                return null;
            }

            @Override
            public Map<String, Object> meta() {
                return Map.of();
            }

            @Override
            public Principal principal() {
                return principal;
            }

            @Override
            public PeerHandle peer() {
                return null;
            }

            @Override
            public PeerHandle sessionPeer() {
                return null;
            }
        });
    }

    static class ScopedTools {

        @McpTool(scopes = { "tasks:write", "tasks:admin", "tasks:write" })
        public String scoped() {
            return "ok";
        }
    }

    static class InvalidScope {

        @McpTool(scopes = "tasks:read tasks:write")
        public String both() {
            return "ok";
        }
    }

    static class CallerTools {

        @McpTool
        public String caller(Principal principal, Authentication authentication) {
            return (principal == null ? null : principal.getName()) + "/"
                    + (authentication == null ? null : authentication.getName());
        }
    }
}
