package dev.mcpspring.registry;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import dev.mcpspring.protocol.CallToolResult;
import dev.mcpspring.protocol.GetPromptResult;
import dev.mcpspring.protocol.Prompt;
import dev.mcpspring.protocol.PromptMessage;
import dev.mcpspring.protocol.ReadResourceResult;
import dev.mcpspring.protocol.Resource;
import dev.mcpspring.protocol.ResourceContents;
import dev.mcpspring.protocol.ResourceTemplate;
import dev.mcpspring.protocol.Tool;
import dev.mcpspring.server.CompletionHandler;
import dev.mcpspring.server.CompletionSpecification;
import dev.mcpspring.server.PromptHandler;
import dev.mcpspring.server.PromptSpecification;
import dev.mcpspring.server.ResourceSpecification;
import dev.mcpspring.server.ResourceTemplateSpecification;
import dev.mcpspring.server.ToolSpecification;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** Small factories of specifications for the registry tests. */
final class Specs {

    private Specs() {
    }

    /** A tool answering with its name and the {@code text} argument: {@code "<name>:<text>"}. */
    static ToolSpecification tool(String name) {
        return tool(name, name);
    }

    /** {@link #tool(String)} declared by {@code source}. */
    static ToolSpecification tool(String name, String source) {
        ObjectNode schema = JsonNodeFactory.instance.objectNode();
        schema.put("type", "object");
        schema.putObject("properties").putObject("text").put("type", "string");
        return new ToolSpecification(new Tool(name, null, "Tool " + name, schema, null, null, null, null),
                invocation -> CallToolResult.text(name + ":" + invocation.arguments().path("text").asString("")),
                source);
    }

    /** {@link #tool(String)} whose input schema is {@code schema}. */
    static ToolSpecification tool(String name, ObjectNode schema) {
        return new ToolSpecification(new Tool(name, null, "Tool " + name, schema, null, null, null, null),
                invocation -> CallToolResult.text(name), name);
    }

    /** A resource at {@code uri} whose text is {@code "contents of <uri>"}. */
    static ResourceSpecification resource(String uri, String name) {
        return resource(uri, name, uri);
    }

    /** {@link #resource(String, String)} declared by {@code source}. */
    static ResourceSpecification resource(String uri, String name, String source) {
        return new ResourceSpecification(new Resource(uri, name, null, "Resource " + name, "text/plain", null, null,
                null, null), read -> text(read.uri(), "contents of " + read.uri()), source);
    }

    /** A template whose reader answers with its variables: {@code "template <t>: k=v;k=v"} in name order. */
    static ResourceTemplateSpecification template(String uriTemplate, String name) {
        return new ResourceTemplateSpecification(
                new ResourceTemplate(uriTemplate, name, null, "Template " + name, "text/plain", null, null, null),
                read -> text(read.uri(), "template " + uriTemplate + ": " + variables(read.variables())));
    }

    /** A template with its own reader. */
    static ResourceTemplateSpecification template(String uriTemplate, String name,
            dev.mcpspring.server.ResourceReader reader) {
        return new ResourceTemplateSpecification(
                new ResourceTemplate(uriTemplate, name, null, "Template " + name, "text/plain", null, null, null),
                reader);
    }

    static String variables(Map<String, String> variables) {
        return new TreeMap<>(variables).entrySet()
            .stream()
            .map(entry -> entry.getKey() + "=" + entry.getValue())
            .collect(Collectors.joining(";"));
    }

    static ReadResourceResult text(String uri, String text) {
        return ReadResourceResult.of(new ResourceContents.Text(uri, "text/plain", text));
    }

    /** A prompt with the given arguments ({@code "name"} optional, {@code "name!"} required). */
    static PromptSpecification prompt(String name, PromptHandler handler, String... arguments) {
        List<Prompt.Argument> declared = Arrays.stream(arguments)
            .map(argument -> argument.endsWith("!")
                    ? new Prompt.Argument(argument.substring(0, argument.length() - 1), null, null, true)
                    : new Prompt.Argument(argument, null, null, false))
            .toList();
        return new PromptSpecification(new Prompt(name, null, "Prompt " + name, declared, null, null), handler);
    }

    /** A prompt whose one user message lists the arguments it got: {@code "<name>: k=v;k=v"}. */
    static PromptSpecification prompt(String name, String... arguments) {
        return prompt(name, invocation -> GetPromptResult.of(
                PromptMessage.user(name + ": " + variables(invocation.arguments()))), arguments);
    }

    static CompletionSpecification promptCompletion(String prompt, String argument, CompletionHandler handler) {
        return CompletionSpecification.forPrompt(prompt, argument, handler);
    }

    static CompletionSpecification templateCompletion(String template, String variable,
            CompletionHandler handler) {
        return CompletionSpecification.forResourceTemplate(template, variable, handler);
    }
}
