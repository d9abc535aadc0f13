package dev.mcpspring.conformance;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.mcpspring.protocol.CallToolResult;
import dev.mcpspring.protocol.Tool;
import dev.mcpspring.server.ToolSpecification;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A tool declared as a {@link ToolSpecification} bean rather than an annotated method, because its input schema
 * is written by hand: the {@code json-schema-2020-12} scenario checks that 2020-12 keywords reach the client
 * untouched.
 */
@Configuration(proxyBeanMethods = false)
public class JsonSchemaTool {

    private static final String INPUT_SCHEMA = """
            {
              "$schema": "https://json-schema.org/draft/2020-12/schema",
              "type": "object",
              "$defs": {
                "address": {
                  "$anchor": "addressDef",
                  "type": "object",
                  "properties": { "street": { "type": "string" }, "city": { "type": "string" } }
                }
              },
              "properties": {
                "name": { "type": "string" },
                "address": { "$ref": "#/$defs/address" },
                "contactMethod": { "type": "string", "enum": ["phone", "email"] },
                "phone": { "type": "string" },
                "email": { "type": "string" }
              },
              "allOf": [ { "anyOf": [ { "required": ["phone"] }, { "required": ["email"] } ] } ],
              "if": { "properties": { "contactMethod": { "const": "phone" } }, "required": ["contactMethod"] },
              "then": { "required": ["phone"] },
              "else": { "required": ["email"] },
              "additionalProperties": false
            }
            """;

    @Bean
    ToolSpecification jsonSchema202012Tool() {
        ObjectNode schema = (ObjectNode) JsonMapper.shared().readTree(INPUT_SCHEMA);
        Tool tool = new Tool("json_schema_2020_12_tool", null, "Tool with JSON Schema 2020-12 features", schema,
                null, null, null, null);
        return new ToolSpecification(tool, invocation -> CallToolResult
            .text("JSON Schema 2020-12 tool called with: " + invocation.arguments()));
    }
}
