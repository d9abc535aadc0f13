package dev.mcpspring.protocol.internal;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.net.URL;
import java.time.temporal.Temporal;
import java.time.temporal.TemporalAmount;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;

import org.jspecify.annotations.Nullable;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.InvalidTypeIdException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.PropertyBindingException;
import tools.jackson.databind.exc.ValueInstantiationException;

/**
 * Turns Jackson's binding failures into short texts a model can act on: where (the argument and the path inside
 * it) and what was expected, without Java class names or source locations.
 */
public final class JsonBindingMessages {

    private static final java.util.regex.Pattern MISSING_CREATOR_PROPERTY = java.util.regex.Pattern
        .compile("Missing required creator property '([^']*)'");

    private static final java.util.regex.Pattern KNOWN_TYPE_IDS = java.util.regex.Pattern
        .compile("known type ids = (\\[[^\\]]*\\])");

    private static final int MAX_VALUE_LENGTH = 60;

    private JsonBindingMessages() {
    }

    /**
     * Describes a failure to bind a JSON value, for example {@code 'count': expected an integer, got "abc"}.
     *
     * @param root    the name of the value that was bound (a tool argument, or {@code params})
     * @param failure what Jackson threw
     * @param mapper  the mapper, to spell enum constants the way Jackson reads them
     */
    public static String describe(String root, JacksonException failure, ObjectMapper mapper) {
        return describe(root, failure, mapper, null);
    }

    /**
     * {@link #describe(String, JacksonException, ObjectMapper)} of a value read from the tree {@code value}, from
     * which the wrong value is quoted when the failure does not carry it (a refused coercion, such as a number
     * where a string belongs).
     */
    public static String describe(String root, JacksonException failure, ObjectMapper mapper, JsonNode value) {
        String location = "'" + root + path(failure.getPath()) + "'";
        if (failure instanceof ValueInstantiationException instantiation) {
            // a record's or creator's own check speaks to the caller; a library's words (Enum.valueOf's "No enum
            // constant com.example...") are the server's insides
            Throwable cause = failure.getCause();
            if (cause != null && CallerMessages.isMeantForCaller(cause)) {
                return location + ": " + cause.getMessage();
            }
            Class<?> type = instantiation.getType() == null ? null : instantiation.getType().getRawClass();
            String expected = expected(type, mapper);
            return withValue(location + ": " + (expected != null ? "expected " + expected : "is not a valid value"),
                    failure, value);
        }
        if (failure instanceof InvalidTypeIdException typeId) {
            return location + ": " + typeIdProblem(typeId);
        }
        if (failure instanceof InputCoercionException coercion) {
            String range = range(coercion.getTargetType());
            return withValue(location + ": " + (range != null ? "expected " + range : "has an invalid value"), failure,
                    value);
        }
        if (failure instanceof PropertyBindingException unknown) {
            return location + ": unknown property '" + unknown.getPropertyName() + "'";
        }
        if (failure instanceof MismatchedInputException mismatch) {
            String original = failure.getOriginalMessage();
            Matcher missing = original == null ? null : MISSING_CREATOR_PROPERTY.matcher(original);
            if (missing != null && missing.find()) {
                return location + ": missing required property '" + missing.group(1) + "'";
            }
            String expected = expected(mismatch.getTargetType(), mapper);
            return withValue(location + ": " + (expected != null ? "expected " + expected : "has an invalid value"),
                    failure, value);
        }
        return location + ": has an invalid value";
    }

    /** {@code text} with the wrong value, when known: as sent rather than as Jackson saw it (7 rather than "7"). */
    private static String withValue(String text, JacksonException failure, @Nullable JsonNode value) {
        JsonNode wrong = at(value, failure.getPath());
        if (wrong != null && (wrong.isString() || wrong.isNumber() || wrong.isBoolean())) {
            return text + ", got " + (wrong.isString() ? quote(wrong.asString()) : wrong.toString());
        }
        if (failure instanceof InvalidFormatException invalid && isScalar(invalid.getValue())) {
            return text + ", got " + quote(invalid.getValue());
        }
        return text;
    }

    /**
     * What is wrong with the type of a polymorphic value: the property that names it, missing or naming no known
     * type, with the names it may have.
     */
    private static String typeIdProblem(InvalidTypeIdException failure) {
        Class<?> base = failure.getBaseType() == null ? null : failure.getBaseType().getRawClass();
        JsonTypeInfo info = base == null ? null : base.getAnnotation(JsonTypeInfo.class);
        String property = info == null ? null
                : !info.property().isEmpty() ? info.property() : info.use().getDefaultPropertyName();
        String names = typeNames(base, failure.getOriginalMessage());
        if (property == null || info.include() != JsonTypeInfo.As.PROPERTY
                && info.include() != JsonTypeInfo.As.EXISTING_PROPERTY) {
            return "its type is missing or unknown" + names;
        }
        return failure.getTypeId() == null ? "'" + property + "' is required" + names
                : "'" + property + "' " + quote(failure.getTypeId()) + " is no known type" + names;
    }

    /** " (one of [a, b])": the type names Jackson knew, or those {@code @JsonSubTypes} gives; else empty. */
    private static String typeNames(@Nullable Class<?> base, @Nullable String message) {
        Matcher known = message == null ? null : KNOWN_TYPE_IDS.matcher(message);
        if (known != null && known.find()) {
            return " (one of " + known.group(1) + ")";
        }
        JsonSubTypes subtypes = base == null ? null : base.getAnnotation(JsonSubTypes.class);
        if (subtypes == null || subtypes.value().length == 0) {
            return "";
        }
        List<String> names = new ArrayList<>();
        for (JsonSubTypes.Type subtype : subtypes.value()) {
            names.add(!subtype.name().isEmpty() ? subtype.name() : subtype.value().getSimpleName());
        }
        return " (one of " + names + ")";
    }

    /** The values a number of this type may have, or {@code null} when it is not an integer type. */
    private static @Nullable String range(Class<?> type) {
        if (type == int.class || type == Integer.class) {
            return "an integer from " + Integer.MIN_VALUE + " to " + Integer.MAX_VALUE;
        }
        if (type == long.class || type == Long.class) {
            return "an integer from " + Long.MIN_VALUE + " to " + Long.MAX_VALUE;
        }
        if (type == short.class || type == Short.class) {
            return "an integer from " + Short.MIN_VALUE + " to " + Short.MAX_VALUE;
        }
        if (type == byte.class || type == Byte.class) {
            return "an integer from " + Byte.MIN_VALUE + " to " + Byte.MAX_VALUE;
        }
        return null;
    }

    /**
     * Where a failure to write a value happened, for example {@code 'mean'} or {@code 'rows[2].total'}, or
     * {@code null} at the top.
     */
    public static @Nullable String whereWritten(JacksonException failure) {
        String path = path(failure.getPath());
        return path.isEmpty() ? null : "'" + (path.startsWith(".") ? path.substring(1) : path) + "'";
    }

    private static String path(List<JacksonException.Reference> path) {
        StringBuilder text = new StringBuilder();
        for (JacksonException.Reference reference : path) {
            if (reference.getPropertyName() != null) {
                text.append('.').append(reference.getPropertyName());
            }
            else if (reference.getIndex() >= 0) {
                text.append('[').append(reference.getIndex()).append(']');
            }
        }
        return text.toString();
    }

    /** What a JSON value for this type looks like, or {@code null} when there is nothing useful to say. */
    private static @Nullable String expected(Class<?> type, ObjectMapper mapper) {
        if (type == null) {
            return null;
        }
        if (type == int.class || type == long.class || type == short.class || type == byte.class
                || type == Integer.class || type == Long.class || type == Short.class || type == Byte.class
                || type == BigInteger.class) {
            return "an integer";
        }
        if (type == double.class || type == float.class || type == Double.class || type == Float.class
                || type == BigDecimal.class || Number.class.isAssignableFrom(type)) {
            return "a number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "a boolean (true or false)";
        }
        if (type == char.class || type == Character.class) {
            return "a single character";
        }
        if (CharSequence.class.isAssignableFrom(type)) {
            return "a string";
        }
        if (type.isEnum()) {
            return "one of " + enumValues(type, mapper);
        }
        if (type.isArray() || Collection.class.isAssignableFrom(type)) {
            return "an array";
        }
        if (Temporal.class.isAssignableFrom(type) || TemporalAmount.class.isAssignableFrom(type)
                || type.getName().startsWith("java.time.")) {
            return "a date or time in ISO 8601 format";
        }
        if (type == UUID.class) {
            return "a UUID";
        }
        if (type == URI.class || type == URL.class) {
            return "a URI";
        }
        if (Map.class.isAssignableFrom(type) || isObjectType(type)) {
            return "an object";
        }
        return null;
    }

    private static boolean isObjectType(Class<?> type) {
        return !type.isPrimitive() && !type.isInterface() && type != Object.class
                && !type.getName().startsWith("java.");
    }

    private static List<String> enumValues(Class<?> type, ObjectMapper mapper) {
        List<String> values = new ArrayList<>();
        for (Object constant : type.getEnumConstants()) {
            try {
                values.add(mapper.writeValueAsString(constant));
            }
            catch (JacksonException ex) {
                values.add('"' + ((Enum<?>) constant).name() + '"');
            }
        }
        return values;
    }

    /** The node at {@code path} inside {@code value}, or {@code null}. */
    private static @Nullable JsonNode at(JsonNode value, List<JacksonException.Reference> path) {
        JsonNode node = value;
        for (JacksonException.Reference reference : path) {
            if (node == null) {
                return null;
            }
            node = reference.getIndex() >= 0 ? node.get(reference.getIndex())
                    : reference.getPropertyName() != null ? node.get(reference.getPropertyName()) : null;
        }
        return node;
    }

    private static boolean isScalar(Object value) {
        return value instanceof CharSequence || value instanceof Number || value instanceof Boolean;
    }

    private static String quote(Object value) {
        if (!(value instanceof CharSequence)) {
            return String.valueOf(value);
        }
        String text = value.toString();
        if (text.length() > MAX_VALUE_LENGTH) {
            text = text.substring(0, MAX_VALUE_LENGTH) + "...";
        }
        return '"' + text + '"';
    }
}
