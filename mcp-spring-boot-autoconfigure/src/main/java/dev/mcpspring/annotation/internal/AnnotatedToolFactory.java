package dev.mcpspring.annotation.internal;

import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import dev.mcpspring.annotation.McpTool;
import dev.mcpspring.annotation.McpToolParam;
import dev.mcpspring.protocol.Tool;
import dev.mcpspring.protocol.ToolAnnotations;
import dev.mcpspring.server.ToolInvocation;
import dev.mcpspring.server.ToolSpecification;
import dev.mcpspring.server.internal.ToolNames;
import dev.mcpspring.server.internal.ToolScopes;
import dev.mcpspring.task.TaskSupport;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.aop.support.AopUtils;
import org.springframework.core.GenericTypeResolver;
import org.springframework.core.MethodParameter;
import org.springframework.core.ResolvableType;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.util.ClassUtils;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.type.LogicalType;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns {@link McpTool} methods into {@link ToolSpecification}s: reads the annotations, generates the input and
 * output schemas, and prepares the argument binding, validation and result mapping of each method once.
 * <p>
 * In an application context {@link AnnotatedMethodRegistrar} does this for every bean. Use this class directly to
 * build tools from objects that are not beans:
 *
 * <pre class="code">
 * AnnotatedToolFactory factory = new AnnotatedToolFactory(McpJsonMapper.create());
 * factory.createTools(new WeatherTools()).forEach(toolRegistry::add);
 * </pre>
 *
 * Instances are thread-safe.
 */
public class AnnotatedToolFactory {

    private static final Log logger = LogFactory.getLog(AnnotatedToolFactory.class);

    private static final boolean BEAN_VALIDATION_PRESENT = ClassUtils.isPresent("jakarta.validation.Validator",
            AnnotatedToolFactory.class.getClassLoader());

    private final ObjectMapper mapper;

    /** Reads arguments: the mapper without coercions across JSON types. */
    private final ObjectMapper argumentMapper;

    private final ToolSchemas schemas;

    private final ArgumentValidation validation;

    /**
     * A factory whose tools read and write JSON with {@code mapper} (the protocol's mapper, see
     * {@link dev.mcpspring.protocol.McpJsonMapper}). Arguments are validated with the default Bean Validation
     * provider when there is one on the class path.
     */
    public AnnotatedToolFactory(ObjectMapper mapper) {
        this(mapper, BEAN_VALIDATION_PRESENT ? JakartaArgumentValidation.withDefaultProvider() : null);
    }

    AnnotatedToolFactory(ObjectMapper mapper, ArgumentValidation validation) {
        this.mapper = mapper;
        this.argumentMapper = strict(mapper);
        this.schemas = new ToolSchemas(mapper);
        this.validation = validation;
    }

    /**
     * {@code mapper} without the coercions across JSON types that a tool's schema does not allow: a number or a
     * boolean is not a string, a string is not a number or a boolean (and a single value is not an array, as
     * Jackson's default already says), so {@code {"name": 42}} is refused rather than read as {@code "42"}; nor is
     * {@code null} a primitive (it is not {@code 0}).
     */
    private static ObjectMapper strict(ObjectMapper mapper) {
        return mapper.rebuild()
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .withCoercionConfig(LogicalType.Textual, config -> config
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
            .withCoercionConfig(LogicalType.Integer, config -> config
                .setCoercion(CoercionInputShape.String, CoercionAction.Fail))
            .withCoercionConfig(LogicalType.Float, config -> config
                .setCoercion(CoercionInputShape.String, CoercionAction.Fail))
            .withCoercionConfig(LogicalType.Boolean, config -> config
                .setCoercion(CoercionInputShape.String, CoercionAction.Fail))
            .build();
    }

    /**
     * The tools of every {@link McpTool} method of an object. The methods are called on {@code bean} itself, so a
     * proxy's advice applies.
     *
     * @throws IllegalStateException when a method cannot be a tool, naming the method and the reason
     */
    public List<ToolSpecification> createTools(Object bean) {
        Class<?> beanType = bean.getClass();
        Class<?> targetClass = AopUtils.getTargetClass(bean);
        List<ToolSpecification> tools = new ArrayList<>();
        for (Method method : AnnotatedMethods.find(targetClass, McpTool.class)) {
            String source = AnnotatedMethods.describe(method, targetClass);
            try {
                Method invocable = AnnotatedMethodRegistration.invocableMethod(method, targetClass, beanType);
                tools.add(createTool(method, new BeanMethod(invocable, () -> bean, source), targetClass));
            }
            catch (IllegalArgumentException | IllegalStateException ex) {
                throw new IllegalStateException("Cannot register @McpTool method " + source + ": " + ex.getMessage(),
                        ex);
            }
        }
        return tools;
    }

    /**
     * The tool of one method.
     *
     * @param method      the annotated method as found on the target class, where annotations are read
     * @param target      the method to call (the same, or the proxy's interface method) and its bean
     * @param targetClass the bean's class without proxies, against which generic types are resolved
     * @throws IllegalArgumentException with the reason when the method cannot be a tool
     */
    ToolSpecification createTool(Method method, BeanMethod target, Class<?> targetClass) {
        McpTool annotation = AnnotatedElementUtils.findMergedAnnotation(method, McpTool.class);
        if (annotation == null) {
            throw new IllegalArgumentException("it is not annotated with @McpTool");
        }
        String name = annotation.name().isEmpty() ? AnnotatedMethods.defaultName(method) : annotation.name();
        if (!ToolNames.isValid(name)) {
            throw new IllegalArgumentException("its tool name '" + name + "' is invalid: a tool name must be 1 to 128"
                    + " characters of A-Z, a-z, 0-9, '_', '-' and '.'");
        }
        Class<?> resolutionClass = AnnotatedMethods.resolutionClass(method, targetClass);

        MethodParameter[] parameters = AnnotatedMethods.parameters(method);
        ParameterBinder[] binders = new ParameterBinder[parameters.length];
        String[] argumentNames = new String[parameters.length];
        List<ToolArgument> arguments = new ArrayList<>();
        Set<String> names = new HashSet<>();
        List<String> unreadable = new ArrayList<>(); // every such parameter is named, not only the first
        boolean reachesClient = false;
        for (int i = 0; i < parameters.length; i++) {
            MethodParameter parameter = parameters[i];
            reachesClient |= InjectedParameters.reachesClient(parameter.getParameterType());
            Function<ToolInvocation, Object> injected = InjectedParameters.resolverFor(parameter.getParameterType(),
                    ToolInvocation::context);
            if (injected != null) {
                binders[i] = ParameterBinder.injected(injected);
                continue;
            }
            ToolArgument argument = analyse(parameter, resolutionClass);
            if (!names.add(argument.name())) {
                throw new IllegalArgumentException("two of its parameters have the name '" + argument.name() + "'");
            }
            ParameterBinder.JsonArgument binder = new ParameterBinder.JsonArgument(argument, argumentMapper);
            try {
                binder.checkReadable();
            }
            catch (JacksonException ex) {
                unreadable.add("parameter '" + argument.name() + "' of type "
                        + ResolvableType.forType(argument.valueType()) + " cannot be read from JSON: "
                        + ex.getOriginalMessage());
                continue;
            }
            binders[i] = binder;
            argumentNames[i] = argument.name();
            arguments.add(argument);
        }
        if (!unreadable.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", unreadable));
        }

        ObjectNode inputSchema;
        try {
            inputSchema = schemas.inputSchema(arguments, annotation.acceptUnknownArguments());
        }
        catch (RuntimeException ex) {
            throw new IllegalArgumentException("the JSON schema of its parameters cannot be generated: "
                    + ex.getMessage(), ex);
        }
        // binding holds every argument to its published schema where Jackson alone would not
        for (int i = 0; i < binders.length; i++) {
            if (binders[i] instanceof ParameterBinder.JsonArgument binder) {
                binders[i] = binder.checkedBy(ArgumentShape.of(inputSchema.path("properties").path(argumentNames[i]),
                        inputSchema.path(ToolSchemas.DEFS)));
            }
        }
        // a CompletionStage or Mono of a value answers with the value when it completes
        Type declaredReturnType = AnnotatedMethods.returnType(method, resolutionClass);
        Type returnType = AsyncResults.valueType(declaredReturnType);
        ResultMapper.checkSupported(returnType);
        ResultMapper results;
        try {
            results = ResultMapper.forReturnType(returnType, schemas, mapper, name);
        }
        catch (RuntimeException ex) {
            throw new IllegalArgumentException("the JSON schema of its result cannot be generated: " + ex.getMessage(),
                    ex);
        }

        ArgumentValidation.MethodValidator validator = validation == null ? null
                : validation.forMethod(method, argumentNames);
        boolean answersLater = AsyncResults.isAsync(declaredReturnType);
        ToolMethodInvoker handler = answersLater
                ? new AsyncToolMethodInvoker(name, target, binders, argumentNames,
                        annotation.acceptUnknownArguments() ? null : names, validation, validator, results)
                : new ToolMethodInvoker(name, target, binders, argumentNames,
                        annotation.acceptUnknownArguments() ? null : names, validation, validator, results,
                        !reachesClient);
        TaskSupport taskSupport = annotation.task() != TaskSupport.AUTO ? annotation.task()
                : answersLater ? TaskSupport.OPTIONAL : TaskSupport.FORBIDDEN;

        String title = AnnotatedMethods.textOrNull(annotation.title());
        String description = AnnotatedMethods.textOrNull(annotation.description());
        if (description == null) {
            logger.warn("MCP tool '" + name + "' (" + target.source() + ") has no description: a model chooses "
                    + "tools by their descriptions; say what it does with @McpTool(description = ...)");
        }
        // the destructive and idempotent hints say something only of a tool that is not read-only
        boolean readOnly = annotation.readOnlyHint();
        ToolAnnotations hints = new ToolAnnotations(title, readOnly, readOnly ? null : annotation.destructiveHint(),
                readOnly ? null : annotation.idempotentHint(), annotation.openWorldHint());
        Tool tool = new Tool(name, title, description, inputSchema, results.outputSchema(), hints,
                AnnotatedMethods.icons(annotation.icons()), null);
        for (String scope : annotation.scopes()) {
            if (!ToolScopes.isValid(scope)) {
                throw new IllegalArgumentException("its scope '" + scope + "' is invalid: " + ToolScopes.RULE);
            }
        }
        return new ToolSpecification(tool, handler, target.source(),
                new LinkedHashSet<>(List.of(annotation.scopes())), taskSupport);
    }

    private static ToolArgument analyse(MethodParameter parameter, Class<?> resolutionClass) {
        McpToolParam annotation = parameter.getParameterAnnotation(McpToolParam.class);
        String name = annotation == null ? null : AnnotatedMethods.textOrNull(annotation.name());
        if (name == null) {
            name = AnnotatedMethods.parameterName(parameter, "name each parameter with @McpToolParam(name = ...)");
        }
        Type declared = GenericTypeResolver.resolveType(parameter.getGenericParameterType(), resolutionClass);
        boolean optional = parameter.getParameterType() == Optional.class;
        Type valueType = declared;
        if (optional) {
            ResolvableType element = ResolvableType.forType(declared).getGeneric(0);
            valueType = element.resolve() != null ? element.getType() : Object.class;
        }
        boolean required = !optional && (annotation == null || annotation.required())
                && !SchemaGeneratorSettings.isOptional(parameter);
        if (!required && !optional && KotlinSupport.isKotlin(parameter.getMethod())
                && !SchemaGeneratorSettings.isOptional(parameter)) {
            throw new IllegalArgumentException("its parameter '" + name + "' is not required, but Kotlin cannot call"
                    + " the function without it: make its type nullable or give it a default value");
        }
        String description = annotation == null ? null : AnnotatedMethods.textOrNull(annotation.description());
        if (description == null) {
            JsonPropertyDescription jackson = parameter.getParameterAnnotation(JsonPropertyDescription.class);
            description = jackson == null ? null : AnnotatedMethods.textOrNull(jackson.value());
        }
        String title = annotation == null ? null : AnnotatedMethods.textOrNull(annotation.title());
        String header = annotation == null ? null : AnnotatedMethods.textOrNull(annotation.header());
        return new ToolArgument(name, parameter, valueType, optional, required, title, description, header);
    }
}
