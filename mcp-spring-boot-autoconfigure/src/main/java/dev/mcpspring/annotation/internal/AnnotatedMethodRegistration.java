package dev.mcpspring.annotation.internal;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

import dev.mcpspring.annotation.McpComplete;
import dev.mcpspring.annotation.McpPrompt;
import dev.mcpspring.annotation.McpResource;
import dev.mcpspring.annotation.McpTool;
import dev.mcpspring.protocol.CompleteRequest;
import dev.mcpspring.server.CompletionSpecification;
import dev.mcpspring.server.internal.ServerRegistries;
import org.springframework.aop.SpringProxy;
import org.springframework.aop.support.AopUtils;
import org.springframework.core.annotation.AnnotatedElementUtils;
import tools.jackson.databind.ObjectMapper;

/**
 * One run of registering annotated methods: each method goes to the factory of its annotation and its result to
 * the registry of its kind. Completions are registered last, in {@link #finish()}, once every prompt and template
 * they may refer to is known. Every problem is collected, and {@link #finish()} reports them all at once.
 */
final class AnnotatedMethodRegistration {

    private record Problem(Class<? extends Annotation> annotationType, String message) {
    }

    private final ServerRegistries registries;

    private final AnnotatedToolFactory tools;

    private final AnnotatedResourceFactory resources;

    private final AnnotatedPromptFactory prompts;

    private final AnnotatedCompletionFactory completions = new AnnotatedCompletionFactory();

    private final List<CompletionSpecification> pendingCompletions = new ArrayList<>();

    private final List<Problem> problems = new ArrayList<>();

    /** The prompt names and resource URIs of methods that failed, so that completions of them say so. */
    private final Set<String> failedReferences = new HashSet<>();

    private int registered;

    AnnotatedMethodRegistration(ServerRegistries registries, ObjectMapper mapper, AnnotatedToolFactory tools) {
        this.registries = registries;
        this.tools = tools;
        this.resources = new AnnotatedResourceFactory(mapper);
        this.prompts = new AnnotatedPromptFactory(mapper);
    }

    /**
     * Registers what one method declares (a method may carry several of the annotations).
     *
     * @param method          the annotated method as found on the target class, where annotations are read
     * @param annotationTypes the annotations it carries
     * @param targetClass     the bean's class without proxies
     * @param exposedType     the type of the object the method is called on (a proxy class, or the target class)
     * @param bean            supplies that object for every call
     * @param source          the method's description for messages
     */
    void register(Method method, List<Class<? extends Annotation>> annotationTypes, Class<?> targetClass,
            Class<?> exposedType, Supplier<?> bean, String source) {
        BeanMethod target;
        try {
            target = new BeanMethod(invocableMethod(method, targetClass, exposedType), bean, source);
        }
        catch (IllegalArgumentException | IllegalStateException ex) {
            annotationTypes.forEach(type -> problem(type, source, ex));
            return;
        }
        for (Class<? extends Annotation> type : annotationTypes) {
            try {
                if (type == McpTool.class) {
                    registries.tools().add(tools.createTool(method, target, targetClass));
                }
                else if (type == McpResource.class) {
                    resources.register(method, target, targetClass, registries.resources(),
                            registries.resourceTemplates());
                }
                else if (type == McpPrompt.class) {
                    registries.prompts().add(prompts.createPrompt(method, target, targetClass));
                }
                else if (type == McpComplete.class) {
                    pendingCompletions.add(completions.createCompletion(method, target, targetClass));
                    continue;
                }
                registered++;
            }
            catch (IllegalArgumentException | IllegalStateException ex) {
                problem(type, source, ex);
                rememberFailedReference(method, type);
            }
        }
    }

    private void rememberFailedReference(Method method, Class<? extends Annotation> type) {
        if (type == McpPrompt.class) {
            McpPrompt prompt = AnnotatedElementUtils.findMergedAnnotation(method, McpPrompt.class);
            failedReferences.add(CompleteRequest.PROMPT_REF + " "
                    + (prompt == null || prompt.name().isEmpty() ? method.getName() : prompt.name()));
        }
        else if (type == McpResource.class) {
            McpResource resource = AnnotatedElementUtils.findMergedAnnotation(method, McpResource.class);
            if (resource != null) {
                failedReferences.add(CompleteRequest.RESOURCE_REF + " " + resource.uri());
            }
        }
    }

    /**
     * Registers the completions whose prompt argument or template variable exists, and reports every problem.
     *
     * @return how many methods were registered
     * @throws MethodRegistrationException naming every method that could not be registered and why
     */
    int finish() {
        for (CompletionSpecification completion : pendingCompletions) {
            try {
                if (failedReferences.contains(completion.refType() + " " + completion.ref())) {
                    throw new IllegalArgumentException("the " + (CompleteRequest.PROMPT_REF.equals(
                            completion.refType()) ? "prompt '" : "resource template '") + completion.ref()
                            + "' it completes cannot be registered either");
                }
                AnnotatedCompletionFactory.checkReference(completion, registries);
                registries.completions().add(completion);
                registered++;
            }
            catch (IllegalArgumentException ex) {
                problem(McpComplete.class, completion.source(), ex);
            }
        }
        pendingCompletions.clear();
        if (problems.size() == 1) {
            throw new MethodRegistrationException(problems.get(0).message());
        }
        if (!problems.isEmpty()) {
            boolean oneKind = problems.stream().map(Problem::annotationType).distinct().count() == 1;
            String what = oneKind ? "@" + problems.get(0).annotationType().getSimpleName() : "annotated MCP";
            throw new MethodRegistrationException(problems.size() + " " + what + " methods cannot be registered:\n - "
                    + String.join("\n - ", problems.stream().map(Problem::message).toList()));
        }
        return registered;
    }

    private void problem(Class<? extends Annotation> type, String source, RuntimeException ex) {
        problems.add(new Problem(type,
                "Cannot register @" + type.getSimpleName() + " method " + source + ": " + ex.getMessage()));
    }

    /**
     * The method to call on an object of {@code exposedType}: the annotated method itself, or the matching method
     * of a proxy's interface.
     *
     * @throws IllegalStateException when a proxy could not apply its advice to the method (a private method, or a
     *                               final one that would run on the uninitialised proxy instance)
     */
    static Method invocableMethod(Method method, Class<?> targetClass, Class<?> exposedType) {
        Method invocable = AopUtils.selectInvocableMethod(method, exposedType != null ? exposedType : targetClass);
        if (exposedType != null && SpringProxy.class.isAssignableFrom(exposedType)
                && Modifier.isFinal(invocable.getModifiers()) && !Modifier.isStatic(invocable.getModifiers())) {
            throw new IllegalStateException("it is final, so the proxy of the bean cannot intercept it: the call"
                    + " would skip the proxy's advice (such as @Transactional) and run on the uninitialised proxy"
                    + " instance. Remove 'final'");
        }
        return invocable;
    }
}
