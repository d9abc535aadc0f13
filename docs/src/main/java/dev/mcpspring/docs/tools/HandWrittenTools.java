package dev.mcpspring.docs.tools;

// tag::class[]
import java.util.List;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.mcpspring.protocol.CallToolResult;
import dev.mcpspring.protocol.Tool;
import dev.mcpspring.server.ToolSpecification;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

@Configuration(proxyBeanMethods = false)
class HandWrittenTools {

    @Bean
    ToolSpecification shoutTool() {
        ObjectNode schema = (ObjectNode) JsonMapper.shared().readTree("""
                {"type": "object", "properties": {"text": {"type": "string"}}, "required": ["text"]}
                """);
        Tool tool = new Tool("shout", "Shout", "Repeats a text in capitals", schema, null, null, null, null);
        return new ToolSpecification(tool,
                invocation -> CallToolResult.text(invocation.arguments().path("text").asString().toUpperCase()))
            .withRequiredScopes(List.of("tools:shout"));
    }
}
// end::class[]
