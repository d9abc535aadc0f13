package dev.mcpspring.annotation.internal;

import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.mcpspring.annotation.McpResource;
import dev.mcpspring.protocol.Annotations;
import dev.mcpspring.protocol.Icon;
import dev.mcpspring.protocol.Resource;
import dev.mcpspring.protocol.ResourceTemplate;
import dev.mcpspring.protocol.Role;
import dev.mcpspring.server.ResourceRead;
import dev.mcpspring.server.ResourceRegistry;
import dev.mcpspring.server.ResourceSpecification;
import dev.mcpspring.server.ResourceTemplateRegistry;
import dev.mcpspring.server.ResourceTemplateSpecification;
import dev.mcpspring.server.UriTemplate;
import org.jspecify.annotations.Nullable;
import org.springframework.core.MethodParameter;
import org.springframework.core.annotation.AnnotatedElementUtils;
import tools.jackson.databind.ObjectMapper;

/**
 * Turns {@link McpResource} methods into {@link ResourceSpecification}s (a URI without variables) or
 * {@link ResourceTemplateSpecification}s (an RFC 6570 template): reads the annotation, checks that the method's
 * parameters and the template's variables match, and prepares the binding and result mapping once.
 */
final class AnnotatedResourceFactory {

    private final ObjectMapper mapper;

    AnnotatedResourceFactory(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /**
     * Adds the resource or template of one method to its registry.
     *
     * @param method      the annotated method as found on the target class, where annotations are read
     * @param target      the method to call and its bean
     * @param targetClass the bean's class without proxies
     * @throws IllegalArgumentException with the reason when the method cannot be a resource, or its URI is taken
     */
    void register(Method method, BeanMethod target, Class<?> targetClass, ResourceRegistry resources,
            ResourceTemplateRegistry templates) {
        McpResource annotation = AnnotatedElementUtils.findMergedAnnotation(method, McpResource.class);
        if (annotation == null) {
            throw new IllegalArgumentException("it is not annotated with @McpResource");
        }
        String uri = annotation.uri();
        UriTemplate template = parse(uri);
        boolean isTemplate = !template.isLiteral();
        String name = annotation.name().isEmpty() ? AnnotatedMethods.defaultName(method) : annotation.name();
        if (annotation.size() < -1) {
            throw new IllegalArgumentException("its size " + annotation.size() + " is negative: give the size in"
                    + " bytes, or leave it out when unknown");
        }
        if (isTemplate && annotation.size() != -1) {
            throw new IllegalArgumentException("it declares a size, but its uri '" + uri + "' is a template whose"
                    + " resources each have a size of their own: leave size out");
        }
        Annotations hints = annotations(annotation);
        List<Icon> icons = AnnotatedMethods.icons(annotation.icons());
        Class<?> resolutionClass = AnnotatedMethods.resolutionClass(method, targetClass);
        List<Function<ResourceRead, Object>> binders = bindParameters(method, resolutionClass, uri, template);

        // a CompletionStage or Mono of a value answers with the value when it completes
        Type returnType = AsyncResults.valueType(
                AnnotatedMethods.returnType(method, resolutionClass));
        ResultMapper.checkSupported(returnType);
        ResourceContentsMapper contents = ResourceContentsMapper.forReturnType(returnType,
                AnnotatedMethods.textOrNull(annotation.mimeType()), mapper);
        ResourceMethodReader reader = new ResourceMethodReader(target, binders, contents);
        String title = AnnotatedMethods.textOrNull(annotation.title());
        String description = AnnotatedMethods.textOrNull(annotation.description());
        if (isTemplate) {
            templates.add(new ResourceTemplateSpecification(new ResourceTemplate(uri, name, title, description,
                    contents.listedMimeType(), hints, icons, null), template, reader, target.source()));
        }
        else {
            Long size = annotation.size() == -1 ? null : annotation.size();
            resources.add(new ResourceSpecification(new Resource(uri, name, title, description,
                    contents.listedMimeType(), size, hints, icons, null), reader, target.source()));
        }
    }

    private static UriTemplate parse(String uri) {
        if (uri.isBlank()) {
            throw new IllegalArgumentException("its uri is empty");
        }
        UriTemplate template;
        try {
            template = UriTemplate.parse(uri);
        }
        catch (IllegalArgumentException ex) {
            throw new IllegalArgumentException("its uri is not a valid RFC 6570 URI template: " + ex.getMessage(), ex);
        }
        if (template.isLiteral()) {
            try {
                if (!new URI(uri).isAbsolute()) {
                    throw new IllegalArgumentException("its uri '" + uri + "' is not an absolute URI: it needs a"
                            + " scheme, such as file:, https: or one of your own like docs:");
                }
            }
            catch (URISyntaxException ex) {
                throw new IllegalArgumentException("its uri '" + uri + "' is not a valid URI: " + ex.getReason()
                        + " at index " + ex.getIndex());
            }
        }
        return template;
    }

    /** Template variables by name, injected types, the read itself; every variable must be bound. */
    private List<Function<ResourceRead, Object>> bindParameters(Method method, Class<?> resolutionClass,
            String uri, UriTemplate template) {
        Set<String> variables = new LinkedHashSet<>(template.variables());
        Set<String> unbound = new LinkedHashSet<>(variables);
        boolean takesRead = false;
        List<Function<ResourceRead, Object>> binders = new ArrayList<>();
        for (MethodParameter parameter : AnnotatedMethods.parameters(method)) {
            Class<?> type = parameter.getParameterType();
            Function<ResourceRead, Object> injected = InjectedParameters.resolverFor(type, ResourceRead::context);
            if (injected != null) {
                binders.add(injected);
                continue;
            }
            if (type == ResourceRead.class) {
                binders.add(read -> read);
                takesRead = true;
                continue;
            }
            String name = AnnotatedMethods.parameterName(parameter,
                    "take a ResourceRead parameter and read the variables from it");
            if (!variables.contains(name)) {
                throw new IllegalArgumentException(variables.isEmpty()
                        ? "its parameter '" + name + "' cannot be bound: the uri '" + uri + "' has no variables, so"
                                + " a parameter can only be a McpRequestContext, a PeerHandle or a ResourceRead"
                        : "its parameter '" + name + "' is not a variable of its URI template '" + uri
                                + "', whose variables are " + quoted(variables));
            }
            unbound.remove(name);
            StringParameter variable = new StringParameter(name, parameter, resolutionClass,
                    parameter.getParameterType().isPrimitive(), mapper); // a primitive cannot be left out
            binders.add(read -> variable.bind(read.variables().get(name)));
        }
        if (!unbound.isEmpty() && !takesRead) {
            throw new IllegalArgumentException("the variable" + (unbound.size() == 1 ? " " : "s ") + quoted(unbound)
                    + " of its URI template '" + uri + "' " + (unbound.size() == 1 ? "is" : "are") + " bound to no"
                    + " parameter: add a parameter of the same name for each, or a ResourceRead parameter to read"
                    + " them from");
        }
        return binders;
    }

    private static String quoted(Set<String> names) {
        return names.stream().map(name -> "'" + name + "'").collect(Collectors.joining(", "));
    }

    /** The annotation's audience, priority and last modification, or {@code null} when it sets none. */
    private static @Nullable Annotations annotations(McpResource annotation) {
        List<String> audience = annotation.audience().length == 0 ? null
                : Arrays.stream(annotation.audience()).distinct().map(Role::wireName).toList();
        double priority = annotation.priority();
        if (!Double.isNaN(priority) && (priority < 0 || priority > 1)) {
            throw new IllegalArgumentException("its priority " + priority + " is not between 0.0 (optional) and"
                    + " 1.0 (required)");
        }
        String lastModified = AnnotatedMethods.textOrNull(annotation.lastModified());
        if (lastModified != null) {
            try {
                OffsetDateTime.parse(lastModified);
            }
            catch (DateTimeParseException ex) {
                throw new IllegalArgumentException("its lastModified '" + lastModified + "' is not an ISO 8601"
                        + " date-time with an offset, such as 2025-01-12T15:00:58Z");
            }
        }
        if (audience == null && Double.isNaN(priority) && lastModified == null) {
            return null;
        }
        return new Annotations(audience, Double.isNaN(priority) ? null : priority, lastModified);
    }
}
