package dev.mcpspring.annotation.internal;

import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Future;

import dev.mcpspring.protocol.CallToolResult;
import dev.mcpspring.protocol.Content;
import org.jspecify.annotations.Nullable;
import org.springframework.core.ResolvableType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns what a tool method returned into its {@link CallToolResult}. The kind of mapping and the output schema are
 * decided once from the declared return type:
 * <ul>
 * <li>{@code void}: no content;</li>
 * <li>{@code String} (any {@code CharSequence}): one text block;</li>
 * <li>{@link Content}, a collection or array of it, {@link CallToolResult}: as given;</li>
 * <li>{@code Object} and Jackson trees: decided per value (text for strings, content as given, an object as
 * structured content without a schema, any other JSON as text);</li>
 * <li>anything else: structured content with an output schema, and the same JSON as a text block. A value whose
 * JSON is not an object, and any {@code Optional}, is wrapped as {@code {"result": value}}.</li>
 * </ul>
 */
final class ResultMapper {

    private enum Kind {
        VOID, TEXT, CONTENT, DYNAMIC, STRUCTURED
    }

    private static final CallToolResult EMPTY = new CallToolResult(List.of(), null, null, null);

    private final Kind kind;

    private final @Nullable ObjectNode outputSchema;

    private final boolean wrapped;

    private final ObjectMapper mapper;

    /**
     * Writes a structured value as its declared type, which a generic type needs (a {@code List<Shape>} writes the
     * type ids of its elements only so); {@code null} to write it as its own class.
     */
    private final @Nullable ObjectWriter declaredType;

    private final String toolName;

    private ResultMapper(Kind kind, ToolSchemas.OutputSchema output, ObjectMapper mapper,
            @Nullable ObjectWriter declaredType, String toolName) {
        this.kind = kind;
        this.outputSchema = output == null ? null : output.schema();
        this.wrapped = output != null && output.wrapped();
        this.mapper = mapper;
        this.declaredType = declaredType;
        this.toolName = toolName;
    }

    /**
     * The mapper for a method's return type.
     *
     * @param returnType the declared return type, resolved against the bean class, already checked with
     *                   {@link #checkSupported(Type)}
     */
    static ResultMapper forReturnType(Type returnType, ToolSchemas schemas, ObjectMapper mapper, String toolName) {
        ResolvableType type = ResolvableType.forType(returnType);
        Class<?> raw = type.toClass();
        boolean optional = raw == Optional.class;
        ResolvableType valueType = optional ? type.getGeneric(0) : type;
        Class<?> valueRaw = valueType.toClass();
        Kind kind = kindOf(valueType, valueRaw);
        if (kind != Kind.STRUCTURED) {
            return new ResultMapper(kind, null, mapper, null, toolName);
        }
        ToolSchemas.OutputSchema output = schemas.outputSchema(valueType.getType(), optional, valueRaw.isPrimitive());
        // only a generic type: a value of a plain class is written as its own class, a subclass's properties too
        ObjectWriter declaredType = valueType.hasGenerics()
                ? mapper.writerFor(mapper.getTypeFactory().constructType(valueType.getType())) : null;
        return new ResultMapper(kind, output, mapper, declaredType, toolName);
    }

    /**
     * Checks that a return type can be mapped.
     *
     * @throws IllegalArgumentException saying why not
     */
    static void checkSupported(Type returnType) {
        ResolvableType type = ResolvableType.forType(returnType);
        Class<?> raw = type.toClass();
        if (CompletionStage.class.isAssignableFrom(raw) || Future.class.isAssignableFrom(raw)
                || isOrExtends(raw, "org.reactivestreams.Publisher")) {
            throw new IllegalArgumentException("its return type " + type
                    + " is asynchronous in a way that is not supported: return the value itself (MCP handlers run on"
                    + " their own threads, so blocking is fine), or, from a tool, resource or prompt method, a"
                    + " CompletionStage (CompletableFuture) or Reactor Mono of it");
        }
        if (isOrExtends(raw, "org.springframework.http.HttpEntity")) {
            throw new IllegalArgumentException("its return type " + type + " is an HTTP response, which an MCP"
                    + " handler does not answer with: return the body itself, and for an error throw an exception (a"
                    + " tool may also return CallToolResult.error(...))");
        }
        if (isOrExtends(raw, "kotlinx.coroutines.flow.Flow") || isOrExtends(raw, "kotlinx.coroutines.Deferred")) {
            throw new IllegalArgumentException("its return type " + type + " is not supported: an MCP handler answers"
                    + " once, so declare a suspend function returning the value itself (collect a Flow first)");
        }
    }

    /** Whether {@code raw} is the type of that name or a subtype, found by name: the type may not be on the class path. */
    private static boolean isOrExtends(Class<?> raw, String typeName) {
        if (raw.getName().equals(typeName)) {
            return true;
        }
        for (Class<?> implemented : raw.getInterfaces()) {
            if (isOrExtends(implemented, typeName)) {
                return true;
            }
        }
        return raw.getSuperclass() != null && isOrExtends(raw.getSuperclass(), typeName);
    }

    private static Kind kindOf(ResolvableType type, Class<?> raw) {
        if (raw == void.class || raw == Void.class) {
            return Kind.VOID;
        }
        if (CharSequence.class.isAssignableFrom(raw)) {
            return Kind.TEXT;
        }
        if (CallToolResult.class.isAssignableFrom(raw) || Content.class.isAssignableFrom(raw)) {
            return Kind.CONTENT;
        }
        if (Collection.class.isAssignableFrom(raw) || raw.isArray()) {
            Class<?> element = raw.isArray() ? type.getComponentType().toClass()
                    : type.asCollection().getGeneric(0).toClass();
            if (Content.class.isAssignableFrom(element)) {
                return Kind.CONTENT;
            }
        }
        if (raw == Object.class || JsonNode.class.isAssignableFrom(raw)) {
            return Kind.DYNAMIC;
        }
        return Kind.STRUCTURED;
    }

    /** The tool's {@code outputSchema}, or {@code null} when its results are not structured. */
    @Nullable ObjectNode outputSchema() {
        return outputSchema;
    }

    /** The result for a returned value. */
    CallToolResult map(Object value) {
        if (value instanceof Optional<?> optional) {
            value = optional.orElse(null);
        }
        return switch (kind) {
            case VOID -> EMPTY;
            case TEXT -> value == null ? EMPTY : CallToolResult.text(value.toString());
            case CONTENT -> content(value);
            case STRUCTURED -> structured(value);
            case DYNAMIC -> dynamic(value);
        };
    }

    private CallToolResult structured(Object value) {
        JsonNode json = value == null ? null
                : declaredType != null ? declaredType.valueToTree(value) : mapper.valueToTree(value);
        boolean absent = json == null || json.isNull() || json.isMissingNode();
        ObjectNode structured;
        if (wrapped) {
            structured = mapper.createObjectNode();
            if (!absent) {
                structured.set(ToolSchemas.RESULT, json);
            }
        }
        else if (json instanceof ObjectNode object) {
            structured = object;
        }
        else if (absent) {
            return CallToolResult.error("Tool '" + toolName + "' returned no result");
        }
        else {
            // a custom serializer wrote something else than the schema promised: give the JSON as text only
            return CallToolResult.text(mapper.writeValueAsString(json));
        }
        return new CallToolResult(List.of(Content.text(mapper.writeValueAsString(structured))), structured, null,
                null);
    }

    private CallToolResult dynamic(Object value) {
        if (value == null) {
            return EMPTY;
        }
        if (value instanceof CharSequence text) {
            return CallToolResult.text(text.toString());
        }
        if (value instanceof CallToolResult || value instanceof Content || isContentCollection(value)) {
            return content(value);
        }
        JsonNode json = value instanceof JsonNode node ? node : mapper.valueToTree(value);
        if (json instanceof ObjectNode object) {
            return new CallToolResult(List.of(Content.text(mapper.writeValueAsString(object))), object, null, null);
        }
        return CallToolResult.text(mapper.writeValueAsString(json));
    }

    private static boolean isContentCollection(Object value) {
        if (!(value instanceof Collection<?> collection) || collection.isEmpty()) {
            return false;
        }
        for (Object element : collection) {
            if (!(element instanceof Content)) {
                return false;
            }
        }
        return true;
    }

    private static CallToolResult content(Object value) {
        if (value == null) {
            return EMPTY;
        }
        if (value instanceof CallToolResult result) {
            return result;
        }
        if (value instanceof Content content) {
            return new CallToolResult(List.of(content), null, null, null);
        }
        Collection<?> elements = value instanceof Object[] array ? Arrays.asList(array) : (Collection<?>) value;
        List<Content> content = new ArrayList<>(elements.size());
        for (Object element : elements) {
            if (element != null) {
                content.add((Content) element);
            }
        }
        return new CallToolResult(content, null, null, null);
    }
}
