package dev.mcpspring.annotation.internal;

import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

import dev.mcpspring.annotation.McpPrompt;
import dev.mcpspring.annotation.McpPromptArgument;
import dev.mcpspring.protocol.Prompt;
import dev.mcpspring.server.PromptInvocation;
import dev.mcpspring.server.PromptSpecification;
import org.springframework.core.MethodParameter;
import org.springframework.core.annotation.AnnotatedElementUtils;
import tools.jackson.databind.ObjectMapper;

/**
 * Turns {@link McpPrompt} methods into {@link PromptSpecification}s: reads the annotations of the method and its
 * arguments, and prepares the argument binding and the message mapping once.
 */
final class AnnotatedPromptFactory {

    private final ObjectMapper mapper;

    AnnotatedPromptFactory(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /**
     * The prompt of one method.
     *
     * @param method      the annotated method as found on the target class, where annotations are read
     * @param target      the method to call and its bean
     * @param targetClass the bean's class without proxies
     * @throws IllegalArgumentException with the reason when the method cannot be a prompt
     */
    PromptSpecification createPrompt(Method method, BeanMethod target, Class<?> targetClass) {
        McpPrompt annotation = AnnotatedElementUtils.findMergedAnnotation(method, McpPrompt.class);
        if (annotation == null) {
            throw new IllegalArgumentException("it is not annotated with @McpPrompt");
        }
        String name = annotation.name().isEmpty() ? AnnotatedMethods.defaultName(method) : annotation.name();
        if (name.isBlank()) {
            throw new IllegalArgumentException("its prompt name is blank");
        }
        Class<?> resolutionClass = AnnotatedMethods.resolutionClass(method, targetClass);
        List<Function<PromptInvocation, Object>> binders = new ArrayList<>();
        List<Prompt.Argument> arguments = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (MethodParameter parameter : AnnotatedMethods.parameters(method)) {
            Function<PromptInvocation, Object> injected = InjectedParameters
                .resolverFor(parameter.getParameterType(), PromptInvocation::context);
            if (injected != null) {
                binders.add(injected);
                continue;
            }
            McpPromptArgument described = parameter.getParameterAnnotation(McpPromptArgument.class);
            String argumentName = described != null && !described.name().isEmpty() ? described.name()
                    : AnnotatedMethods.parameterName(parameter, "name each parameter with"
                            + " @McpPromptArgument(name = ...)");
            if (!names.add(argumentName)) {
                throw new IllegalArgumentException("two of its parameters have the name '" + argumentName + "'");
            }
            boolean required = !StringParameter.isOptional(parameter)
                    && (described == null || described.required())
                    && !SchemaGeneratorSettings.isOptional(parameter);
            StringParameter argument = new StringParameter(argumentName, parameter, resolutionClass, required,
                    mapper);
            binders.add(invocation -> argument
                .bind(invocation.arguments() == null ? null : invocation.arguments().get(argumentName)));
            arguments.add(new Prompt.Argument(argumentName,
                    described == null ? null : AnnotatedMethods.textOrNull(described.title()),
                    described == null ? null : AnnotatedMethods.textOrNull(described.description()), required));
        }
        // a CompletionStage or Mono of a value answers with the value when it completes
        Type returnType = AsyncResults.valueType(
                AnnotatedMethods.returnType(method, resolutionClass));
        ResultMapper.checkSupported(returnType);
        PromptMessagesMapper.checkSupported(returnType);

        String description = AnnotatedMethods.textOrNull(annotation.description());
        Prompt prompt = new Prompt(name, AnnotatedMethods.textOrNull(annotation.title()), description,
                arguments.isEmpty() ? null : List.copyOf(arguments), AnnotatedMethods.icons(annotation.icons()),
                null);
        PromptMethodHandler handler = new PromptMethodHandler(name, target, binders,
                new PromptMessagesMapper(description));
        return new PromptSpecification(prompt, handler, target.source());
    }
}
