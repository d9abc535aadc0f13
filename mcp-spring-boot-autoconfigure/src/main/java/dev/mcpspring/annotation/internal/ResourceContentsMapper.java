package dev.mcpspring.annotation.internal;

import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

import dev.mcpspring.annotation.McpResource;
import dev.mcpspring.protocol.ReadResourceResult;
import dev.mcpspring.protocol.ResourceContents;
import org.jspecify.annotations.Nullable;
import org.springframework.core.ResolvableType;
import tools.jackson.databind.ObjectMapper;

/**
 * Turns what a {@link McpResource} method returned into the {@link ReadResourceResult} of a read. The kind of
 * mapping is decided once from the declared return type:
 * <ul>
 * <li>{@code String} (any {@code CharSequence}): text contents;</li>
 * <li>{@code byte[]}: a base64 blob;</li>
 * <li>{@link ResourceContents}, a collection or array of them, {@link ReadResourceResult}: as given, a contents
 * without URI or MIME type getting the read URI and the declared type;</li>
 * <li>{@code Object}: decided per value as above, anything else as JSON;</li>
 * <li>anything else: its JSON as text.</li>
 * </ul>
 * An {@code Optional} is unwrapped; {@code null} and an empty {@code Optional} mean that there is no such
 * resource.
 */
final class ResourceContentsMapper {

    static final String TEXT_PLAIN = "text/plain";

    static final String OCTET_STREAM = "application/octet-stream";

    static final String APPLICATION_JSON = "application/json";

    private enum Kind {
        TEXT, BLOB, CONTENTS, RESULT, JSON, DYNAMIC
    }

    private final Kind kind;

    private final String declaredMimeType;

    private final ObjectMapper mapper;

    private ResourceContentsMapper(Kind kind, String declaredMimeType, ObjectMapper mapper) {
        this.kind = kind;
        this.declaredMimeType = declaredMimeType;
        this.mapper = mapper;
    }

    /**
     * The mapper for a method's return type.
     *
     * @param returnType       the declared return type, resolved against the bean class
     * @param declaredMimeType the annotation's MIME type, or {@code null}
     * @throws IllegalArgumentException when the method returns nothing
     */
    static ResourceContentsMapper forReturnType(Type returnType, String declaredMimeType, ObjectMapper mapper) {
        ResolvableType type = ResolvableType.forType(returnType);
        if (type.toClass() == Optional.class) {
            type = type.getGeneric(0);
        }
        Class<?> raw = type.toClass();
        if (raw == void.class || raw == Void.class) {
            throw new IllegalArgumentException("it returns nothing: a resource method returns the contents (a String,"
                    + " a byte[], ResourceContents, a ReadResourceResult or an object written as JSON)");
        }
        return new ResourceContentsMapper(kindOf(type, raw), declaredMimeType, mapper);
    }

    private static Kind kindOf(ResolvableType type, Class<?> raw) {
        if (CharSequence.class.isAssignableFrom(raw)) {
            return Kind.TEXT;
        }
        if (raw == byte[].class) {
            return Kind.BLOB;
        }
        if (ReadResourceResult.class.isAssignableFrom(raw)) {
            return Kind.RESULT;
        }
        if (ResourceContents.class.isAssignableFrom(raw)) {
            return Kind.CONTENTS;
        }
        if (Collection.class.isAssignableFrom(raw) || raw.isArray()) {
            Class<?> element = raw.isArray() ? type.getComponentType().toClass()
                    : type.asCollection().getGeneric(0).toClass();
            if (ResourceContents.class.isAssignableFrom(element)) {
                return Kind.CONTENTS;
            }
        }
        if (raw == Object.class) {
            return Kind.DYNAMIC;
        }
        return Kind.JSON;
    }

    /**
     * The MIME type listed for the resource: the declared one, else the one the return type implies, else
     * {@code null}.
     */
    String listedMimeType() {
        if (declaredMimeType != null) {
            return declaredMimeType;
        }
        return switch (kind) {
            case TEXT -> TEXT_PLAIN;
            case BLOB -> OCTET_STREAM;
            case JSON -> APPLICATION_JSON;
            default -> null;
        };
    }

    /**
     * The result of reading {@code uri}, or {@code null} when the value says there is no such resource.
     *
     * @throws tools.jackson.core.JacksonException when a value cannot be written as JSON
     * @throws IllegalStateException               when a collection holds something else than contents
     */
    @Nullable ReadResourceResult map(Object value, String uri) {
        if (value instanceof Optional<?> optional) {
            value = optional.orElse(null);
        }
        if (value == null) {
            return null;
        }
        return switch (kind) {
            case TEXT -> text(value.toString(), uri);
            case BLOB -> blob((byte[]) value, uri);
            case CONTENTS, RESULT -> asGiven(value, uri);
            case JSON -> json(value, uri);
            case DYNAMIC -> dynamic(value, uri);
        };
    }

    private ReadResourceResult dynamic(Object value, String uri) {
        if (value instanceof CharSequence text) {
            return text(text.toString(), uri);
        }
        if (value instanceof byte[] bytes) {
            return blob(bytes, uri);
        }
        if (value instanceof ResourceContents || value instanceof ReadResourceResult || isContentsCollection(value)) {
            return asGiven(value, uri);
        }
        return json(value, uri);
    }

    private ReadResourceResult text(String text, String uri) {
        return ReadResourceResult.of(new ResourceContents.Text(uri, mimeTypeOr(TEXT_PLAIN), text));
    }

    private ReadResourceResult blob(byte[] bytes, String uri) {
        return ReadResourceResult.of(
                new ResourceContents.Blob(uri, mimeTypeOr(OCTET_STREAM), Base64.getEncoder().encodeToString(bytes)));
    }

    private ReadResourceResult json(Object value, String uri) {
        return ReadResourceResult.of(
                new ResourceContents.Text(uri, mimeTypeOr(APPLICATION_JSON), mapper.writeValueAsString(value)));
    }

    private String mimeTypeOr(String fallback) {
        return declaredMimeType != null ? declaredMimeType : fallback;
    }

    private ReadResourceResult asGiven(Object value, String uri) {
        if (value instanceof ReadResourceResult result) {
            return new ReadResourceResult(complete(result.contents(), uri), result.meta());
        }
        if (value instanceof ResourceContents contents) {
            return ReadResourceResult.of(complete(contents, uri));
        }
        List<?> elements = value instanceof Object[] array ? Arrays.asList(array) : List.copyOf((Collection<?>) value);
        return new ReadResourceResult(complete(elements, uri), null);
    }

    private List<ResourceContents> complete(List<?> elements, String uri) {
        List<ResourceContents> contents = new ArrayList<>(elements.size());
        for (Object element : elements) {
            if (element instanceof ResourceContents item) {
                contents.add(complete(item, uri));
            }
            else if (element != null) {
                throw new IllegalStateException("a collection of resource contents holds a "
                        + element.getClass().getName());
            }
        }
        return contents;
    }

    /** Fills in the read URI and the declared MIME type where a contents has none. */
    private ResourceContents complete(ResourceContents contents, String uri) {
        boolean noUri = contents.uri() == null;
        if (contents instanceof ResourceContents.Text text && (noUri || text.mimeType() == null)) {
            return new ResourceContents.Text(noUri ? uri : text.uri(),
                    text.mimeType() == null ? declaredMimeType : text.mimeType(), text.text(), text.meta());
        }
        if (contents instanceof ResourceContents.Blob blob && (noUri || blob.mimeType() == null)) {
            return new ResourceContents.Blob(noUri ? uri : blob.uri(),
                    blob.mimeType() == null ? declaredMimeType : blob.mimeType(), blob.blob(), blob.meta());
        }
        return contents;
    }

    private static boolean isContentsCollection(Object value) {
        Collection<?> elements = value instanceof Object[] array ? Arrays.asList(array)
                : value instanceof Collection<?> collection ? collection : null;
        if (elements == null || elements.isEmpty()) {
            return false;
        }
        for (Object element : elements) {
            if (!(element instanceof ResourceContents)) {
                return false;
            }
        }
        return true;
    }
}
