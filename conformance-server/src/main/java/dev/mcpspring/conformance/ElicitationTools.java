package dev.mcpspring.conformance;

import org.springframework.stereotype.Component;

import dev.mcpspring.annotation.McpTool;
import dev.mcpspring.annotation.McpToolParam;
import dev.mcpspring.protocol.CallToolResult;
import dev.mcpspring.protocol.ElicitationRequest;
import dev.mcpspring.protocol.ElicitationResult;
import dev.mcpspring.protocol.McpJsonMapper;
import dev.mcpspring.server.McpClientCapabilityException;
import dev.mcpspring.server.PeerHandle;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Tools that ask the user for input through the client ({@code elicitation/create}, form mode) while they run.
 * The requested schemas are written by hand, exactly as the scenarios check them.
 */
@Component
public class ElicitationTools {

    private static final JsonMapper MAPPER = McpJsonMapper.create();

    /** The form of {@code tools-call-elicitation}. */
    private static final String USER_INFO_SCHEMA = """
            {
              "type": "object",
              "properties": {
                "username": { "type": "string", "description": "User's response" },
                "email": { "type": "string", "description": "User's email address" }
              },
              "required": ["username", "email"]
            }
            """;

    /** The form of {@code elicitation-sep1034-defaults}: a default value for every primitive type. */
    private static final String DEFAULTS_SCHEMA = """
            {
              "type": "object",
              "properties": {
                "name": { "type": "string", "description": "User name", "default": "John Doe" },
                "age": { "type": "integer", "description": "User age", "default": 30 },
                "score": { "type": "number", "description": "User score", "default": 95.5 },
                "status": {
                  "type": "string",
                  "description": "User status",
                  "enum": ["active", "inactive", "pending"],
                  "default": "active"
                },
                "verified": { "type": "boolean", "description": "Verification status", "default": true }
              },
              "required": []
            }
            """;

    /** The form of {@code elicitation-sep1330-enums}: every enum variant of SEP-1330. */
    private static final String ENUMS_SCHEMA = """
            {
              "type": "object",
              "properties": {
                "untitledSingle": {
                  "type": "string",
                  "description": "Select one option",
                  "enum": ["option1", "option2", "option3"]
                },
                "titledSingle": {
                  "type": "string",
                  "description": "Select one option with titles",
                  "oneOf": [
                    { "const": "value1", "title": "First Option" },
                    { "const": "value2", "title": "Second Option" },
                    { "const": "value3", "title": "Third Option" }
                  ]
                },
                "legacyEnum": {
                  "type": "string",
                  "description": "Select one option (legacy)",
                  "enum": ["opt1", "opt2", "opt3"],
                  "enumNames": ["Option One", "Option Two", "Option Three"]
                },
                "untitledMulti": {
                  "type": "array",
                  "description": "Select multiple options",
                  "minItems": 1,
                  "maxItems": 3,
                  "items": { "type": "string", "enum": ["option1", "option2", "option3"] }
                },
                "titledMulti": {
                  "type": "array",
                  "description": "Select multiple options with titles",
                  "minItems": 1,
                  "maxItems": 3,
                  "items": {
                    "anyOf": [
                      { "const": "value1", "title": "First Choice" },
                      { "const": "value2", "title": "Second Choice" },
                      { "const": "value3", "title": "Third Choice" }
                    ]
                  }
                }
              },
              "required": []
            }
            """;

    /**
     * Serves {@code tools-call-elicitation} (2025-06-18, 2025-11-25): asks for a username and an e-mail address
     * with the given message and returns {@code "User response: action=..., content={...}"}.
     */
    @McpTool(name = "test_elicitation", description = "Tests server-initiated elicitation (user input request)")
    public CallToolResult elicitation(@McpToolParam(description = "The message to show the user") String message,
            PeerHandle peer) {
        return elicit(peer, message, USER_INFO_SCHEMA, "User response: ");
    }

    /**
     * Serves {@code elicitation-sep1034-defaults} (2025-11-25): a form with a default for a string, an integer, a
     * number, an enum and a boolean; returns {@code "Elicitation completed: action=..., content={...}"}.
     */
    @McpTool(name = "test_elicitation_sep1034_defaults",
            description = "Tests elicitation with default values for all primitive types (SEP-1034)")
    public CallToolResult elicitationDefaults(PeerHandle peer) {
        return elicit(peer, "Please review and update the form fields with defaults", DEFAULTS_SCHEMA,
                "Elicitation completed: ");
    }

    /**
     * Serves {@code elicitation-sep1330-enums} (2025-11-25): a form with the five enum variants (untitled and
     * titled single-select, legacy {@code enumNames}, untitled and titled multi-select); returns
     * {@code "Elicitation completed: action=..., content={...}"}.
     */
    @McpTool(name = "test_elicitation_sep1330_enums",
            description = "Tests elicitation with enum schema variants (SEP-1330)")
    public CallToolResult elicitationEnums(PeerHandle peer) {
        return elicit(peer, "Please select options from the enum fields", ENUMS_SCHEMA, "Elicitation completed: ");
    }

    private static CallToolResult elicit(PeerHandle peer, String message, String schema, String prefix) {
        ObjectNode requestedSchema = (ObjectNode) MAPPER.readTree(schema);
        try {
            ElicitationResult result = peer.elicit(ElicitationRequest.form(message, requestedSchema));
            return CallToolResult.text(prefix + "action=" + result.action().wireName() + ", content="
                    + MAPPER.writeValueAsString(result.content()));
        }
        catch (McpClientCapabilityException ex) {
            return CallToolResult.error("Elicitation is not supported by this client: " + ex.getMessage());
        }
    }
}
