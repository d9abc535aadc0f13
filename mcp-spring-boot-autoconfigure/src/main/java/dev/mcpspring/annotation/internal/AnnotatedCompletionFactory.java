package dev.mcpspring.annotation.internal;

import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.mcpspring.annotation.McpComplete;
import dev.mcpspring.protocol.CompleteRequest;
import dev.mcpspring.protocol.Prompt;
import dev.mcpspring.server.CompletionInvocation;
import dev.mcpspring.server.CompletionSpecification;
import dev.mcpspring.server.PromptSpecification;
import dev.mcpspring.server.ResourceTemplateSpecification;
import dev.mcpspring.server.internal.ServerRegistries;
import org.springframework.core.GenericTypeResolver;
import org.springframework.core.MethodParameter;
import org.springframework.core.ResolvableType;
import org.springframework.core.annotation.AnnotatedElementUtils;

/**
 * Turns {@link McpComplete} methods into {@link CompletionSpecification}s, and checks, once everything else is
 * registered, that the prompt argument or template variable they complete exists.
 */
final class AnnotatedCompletionFactory {

    private static final String PARAMETERS = "a completion method takes the value typed so far (String), the"
            + " values already chosen for the other arguments (Map<String, String>), and McpRequestContext,"
            + " PeerHandle or CompletionInvocation";

    /**
     * The completion of one method.
     *
     * @param method      the annotated method as found on the target class, where annotations are read
     * @param target      the method to call and its bean
     * @param targetClass the bean's class without proxies
     * @throws IllegalArgumentException with the reason when the method cannot be a completion
     */
    CompletionSpecification createCompletion(Method method, BeanMethod target, Class<?> targetClass) {
        McpComplete annotation = AnnotatedElementUtils.findMergedAnnotation(method, McpComplete.class);
        if (annotation == null) {
            throw new IllegalArgumentException("it is not annotated with @McpComplete");
        }
        boolean prompt = !annotation.prompt().isEmpty();
        boolean resource = !annotation.resource().isEmpty();
        if (prompt == resource) {
            throw new IllegalArgumentException(prompt
                    ? "it names both a prompt and a resource: a completion is for one of them"
                    : "it names neither a prompt nor a resource: set @McpComplete(prompt = ...) or"
                            + " @McpComplete(resource = ...)");
        }
        if (annotation.argument().isBlank()) {
            throw new IllegalArgumentException("its argument is empty: name the prompt argument or template variable"
                    + " it completes");
        }
        Class<?> resolutionClass = AnnotatedMethods.resolutionClass(method, targetClass);
        List<Function<CompletionInvocation, Object>> binders = new ArrayList<>();
        boolean value = false;
        boolean chosen = false;
        for (MethodParameter parameter : AnnotatedMethods.parameters(method)) {
            Class<?> type = parameter.getParameterType();
            Function<CompletionInvocation, Object> injected = InjectedParameters.resolverFor(type,
                    CompletionInvocation::context);
            if (injected != null) {
                binders.add(injected);
            }
            else if (type == CompletionInvocation.class) {
                binders.add(invocation -> invocation);
            }
            else if (type == String.class || type == CharSequence.class) {
                if (value) {
                    throw new IllegalArgumentException("it has more than one String parameter: only one receives"
                            + " the value typed so far; " + PARAMETERS);
                }
                value = true;
                binders.add(invocation -> invocation.value() == null ? "" : invocation.value());
            }
            else if (type == Map.class && isStringMap(parameter, resolutionClass)) {
                if (chosen) {
                    throw new IllegalArgumentException("it has more than one Map parameter; " + PARAMETERS);
                }
                chosen = true;
                binders.add(invocation -> invocation.arguments() == null ? Map.of() : invocation.arguments());
            }
            else {
                throw new IllegalArgumentException("its parameter " + (parameter.getParameterIndex() + 1) + " of type "
                        + declaredType(parameter, resolutionClass) + " cannot be bound: "
                        + PARAMETERS);
            }
        }
        Type returnType = AnnotatedMethods.returnType(method, resolutionClass);
        ResultMapper.checkSupported(returnType);
        CompletionMethodHandler.checkSupported(returnType);
        CompletionMethodHandler handler = new CompletionMethodHandler(target, binders);
        return prompt
                ? new CompletionSpecification(CompleteRequest.PROMPT_REF, annotation.prompt(), annotation.argument(),
                        handler, target.source())
                : new CompletionSpecification(CompleteRequest.RESOURCE_REF, annotation.resource(),
                        annotation.argument(), handler, target.source());
    }

    /** {@code Map<String, String>}, {@code Map<String, ?>}, {@code Map<String, Object>} or a raw {@code Map}. */
    private static boolean isStringMap(MethodParameter parameter, Class<?> resolutionClass) {
        ResolvableType map = declaredType(parameter, resolutionClass).asMap();
        Class<?> key = map.getGeneric(0).resolve(Object.class);
        Class<?> value = map.getGeneric(1).resolve(Object.class);
        return (key == String.class || key == Object.class) && (value == String.class || value == Object.class);
    }

    private static ResolvableType declaredType(MethodParameter parameter, Class<?> resolutionClass) {
        return ResolvableType.forType(
                GenericTypeResolver.resolveType(parameter.getGenericParameterType(), resolutionClass));
    }

    /**
     * Checks that the prompt argument or template variable a completion names exists.
     *
     * @throws IllegalArgumentException naming what does exist
     */
    static void checkReference(CompletionSpecification completion, ServerRegistries registries) {
        String argument = completion.argument();
        if (CompleteRequest.PROMPT_REF.equals(completion.refType())) {
            PromptSpecification prompt = registries.prompts().find(completion.ref()).orElse(null);
            if (prompt == null) {
                throw new IllegalArgumentException("it completes an argument of prompt '" + completion.ref()
                        + "', but there is no such prompt; the prompts are "
                        + quoted(registries.prompts().list().stream().map(p -> p.prompt().name()).toList()));
            }
            List<String> arguments = prompt.prompt().arguments() == null ? List.of()
                    : prompt.prompt().arguments().stream().map(Prompt.Argument::name).toList();
            if (!arguments.contains(argument)) {
                throw new IllegalArgumentException("prompt '" + completion.ref() + "' has no argument '" + argument
                        + "'; its arguments are " + quoted(arguments));
            }
            return;
        }
        ResourceTemplateSpecification template = registries.resourceTemplates().find(completion.ref()).orElse(null);
        if (template == null) {
            String fixed = registries.resources().find(completion.ref()).isPresent()
                    ? " ('" + completion.ref() + "' is a resource without variables)" : "";
            throw new IllegalArgumentException("it completes a variable of resource template '" + completion.ref()
                    + "', but there is no such template" + fixed + "; the templates are "
                    + quoted(registries.resourceTemplates().list().stream()
                        .map(t -> t.template().uriTemplate()).toList()));
        }
        List<String> variables = template.uriTemplate().variables().stream().distinct().toList();
        if (!variables.contains(argument)) {
            throw new IllegalArgumentException("resource template '" + completion.ref() + "' has no variable '"
                    + argument + "'; its variables are " + quoted(variables));
        }
    }

    private static String quoted(List<String> names) {
        return names.isEmpty() ? "none"
                : names.stream().map(name -> "'" + name + "'").collect(Collectors.joining(", "));
    }
}
