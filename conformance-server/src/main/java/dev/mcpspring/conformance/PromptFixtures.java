package dev.mcpspring.conformance;

import java.util.List;
import java.util.stream.Stream;

import org.springframework.stereotype.Component;

import dev.mcpspring.annotation.McpComplete;
import dev.mcpspring.annotation.McpPrompt;
import dev.mcpspring.annotation.McpPromptArgument;
import dev.mcpspring.protocol.Content;
import dev.mcpspring.protocol.PromptMessage;
import dev.mcpspring.protocol.ResourceContents;
import dev.mcpspring.protocol.Role;

/** Prompts of the {@code prompts-*} scenarios and the completion of {@code completion-complete}. */
@Component
public class PromptFixtures {

    @McpPrompt(name = "test_simple_prompt", title = "Simple Test Prompt",
            description = "A simple prompt without arguments")
    public String simplePrompt() {
        return "This is a simple prompt for testing.";
    }

    @McpPrompt(name = "test_prompt_with_arguments", title = "Prompt With Arguments",
            description = "A prompt with required arguments")
    public String promptWithArguments(@McpPromptArgument(description = "First test argument") String arg1,
            @McpPromptArgument(description = "Second test argument") String arg2) {
        return "Prompt with arguments: arg1='" + arg1 + "', arg2='" + arg2 + "'";
    }

    @McpPrompt(name = "test_prompt_with_embedded_resource", title = "Prompt With Embedded Resource",
            description = "A prompt that includes an embedded resource")
    public List<PromptMessage> promptWithEmbeddedResource(
            @McpPromptArgument(description = "URI of the resource to embed") String resourceUri) {
        return List.of(new PromptMessage(Role.USER, Content.resource(
                new ResourceContents.Text(resourceUri, "text/plain", "Embedded resource content for testing."))),
                PromptMessage.user("Please process the embedded resource above."));
    }

    @McpPrompt(name = "test_prompt_with_image", title = "Prompt With Image",
            description = "A prompt that includes image content")
    public List<Content> promptWithImage() {
        return List.of(Content.image(ContentTools.PNG, "image/png"), Content.text("Please analyze the image above."));
    }

    @McpComplete(prompt = "test_prompt_with_arguments", argument = "arg1")
    public Stream<String> completeArg1(String prefix) {
        return Stream.of("test", "testing", "tested", "other").filter(value -> value.startsWith(prefix));
    }
}
