package dev.mcpspring.annotation;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.mcpspring.annotation.internal.AnnotatedToolFactory;
import dev.mcpspring.protocol.CallToolResult;
import dev.mcpspring.protocol.Content;
import dev.mcpspring.server.McpRequestContext;
import dev.mcpspring.server.ToolInvocation;
import dev.mcpspring.server.ToolSpecification;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

/** Builds tools from test objects (checking every schema against the meta-schema) and calls them. */
final class TestTools {

    static final AnnotatedToolFactory FACTORY = new AnnotatedToolFactory(JsonSchemas.MAPPER);

    private TestTools() {
    }

    /** The tools of an object by name; every schema is checked against the 2020-12 meta-schema. */
    static Map<String, ToolSpecification> toolsOf(Object bean) {
        Map<String, ToolSpecification> tools = new LinkedHashMap<>();
        for (ToolSpecification tool : FACTORY.createTools(bean)) {
            JsonSchemas.assertValidSchemas(tool);
            tools.put(tool.tool().name(), tool);
        }
        return tools;
    }

    static ToolSpecification tool(Object bean, String name) {
        ToolSpecification tool = toolsOf(bean).get(name);
        assertThat(tool).as("tool %s", name).isNotNull();
        return tool;
    }

    static CallToolResult call(ToolSpecification tool, String argumentsJson) {
        return call(tool, argumentsJson, mock(McpRequestContext.class));
    }

    static CallToolResult call(ToolSpecification tool, String argumentsJson, McpRequestContext context) {
        ObjectNode arguments = argumentsJson == null ? null : (ObjectNode) JsonSchemas.MAPPER.readTree(argumentsJson);
        return tool.handler().call(new ToolInvocation(arguments, context));
    }

    /** The text of a result that has exactly one text block. */
    static String text(CallToolResult result) {
        List<Content> content = result.content();
        assertThat(content).hasSize(1);
        assertThat(content.get(0)).isInstanceOf(Content.Text.class);
        return ((Content.Text) content.get(0)).text();
    }

    /** The text of a successful result. */
    static String successText(CallToolResult result) {
        assertThat(result.isError()).as("isError of %s", result).isNotEqualTo(Boolean.TRUE);
        return text(result);
    }

    /** The text of an error result, which has no structured content. */
    static String errorText(CallToolResult result) {
        assertThat(result.isError()).as("isError of %s", result).isTrue();
        assertThat(result.structuredContent()).isNull();
        String text = text(result);
        // what the model sees holds no Java internals
        assertThat(text).doesNotContain("Exception", "java.", "dev.mcpspring", "`", "\tat ");
        return text;
    }
}
