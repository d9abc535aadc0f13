package dev.mcpspring.conformance;

import java.util.List;

import org.springframework.stereotype.Component;

import dev.mcpspring.annotation.McpTool;
import dev.mcpspring.protocol.CallToolResult;
import dev.mcpspring.protocol.Content;
import dev.mcpspring.protocol.ResourceContents;

/** Tools returning each kind of content block, for the {@code tools-call-*} scenarios. */
@Component
public class ContentTools {

    /** A 1x1 red PNG. */
    static final String PNG = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==";

    /** A minimal WAV file. */
    static final String WAV = "UklGRiYAAABXQVZFZm10IBAAAAABAAEAQB8AAAB9AAACABAAZGF0YQIAAAA=";

    @McpTool(name = "test_simple_text", description = "Tests simple text content response")
    public String simpleText() {
        return "This is a simple text response for testing.";
    }

    @McpTool(name = "test_image_content", description = "Tests image content response")
    public Content imageContent() {
        return Content.image(PNG, "image/png");
    }

    @McpTool(name = "test_audio_content", description = "Tests audio content response")
    public Content audioContent() {
        return Content.audio(WAV, "audio/wav");
    }

    @McpTool(name = "test_embedded_resource", description = "Tests embedded resource content response")
    public Content embeddedResource() {
        return Content.resource(new ResourceContents.Text("test://embedded-resource", "text/plain",
                "This is an embedded resource content."));
    }

    @McpTool(name = "test_multiple_content_types",
            description = "Tests response with multiple content types (text, image, resource)")
    public List<Content> multipleContentTypes() {
        return List.of(Content.text("Multiple content types test:"), Content.image(PNG, "image/png"),
                Content.resource(new ResourceContents.Text("test://mixed-content-resource", "application/json",
                        "{\"test\":\"data\",\"value\":123}")));
    }

    @McpTool(name = "test_error_handling", description = "Tests error response handling")
    public CallToolResult errorHandling() {
        return CallToolResult.error("This tool intentionally returns an error for testing");
    }
}
