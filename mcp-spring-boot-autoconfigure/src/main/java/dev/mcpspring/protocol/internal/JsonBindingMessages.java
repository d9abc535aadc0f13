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

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.exc.InvalidFormatException;
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
        if (failure instanceof ValueInstantiationException) {
            Throwable cause = failure.getCause();
            String message = cause != null ? cause.getMessage() : null;
            return location + ": " + (message == null || message.isBlank() ? "is not a valid value" : message);
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
            String text = location + ": " + (expected != null ? "expected " + expected : "has an invalid value");
            // the value as sent, when known, rather than as Jackson saw it (which may have turned 7 into "7")
            JsonNode wrong = at(value, failure.getPath());
            if (wrong != null && (wrong.isString() || wrong.isNumber() || wrong.isBoolean())) {
                text += ", got " + (wrong.isString() ? quote(wrong.asString()) : wrong.toString());
            }
            else if (failure instanceof InvalidFormatException invalid && isScalar(invalid.getValue())) {
                text += ", got " + quote(invalid.getValue());
            }
            return text;
        }
        return location + ": has an invalid value";
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
