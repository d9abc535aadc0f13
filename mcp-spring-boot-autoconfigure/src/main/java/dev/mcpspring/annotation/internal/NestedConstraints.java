package dev.mcpspring.annotation.internal;

import java.beans.PropertyDescriptor;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.BeanUtils;
import org.springframework.util.ReflectionUtils;

import tools.jackson.databind.JsonNode;

/**
 * Checks the constraints inside the records and beans a tool takes at every level, as if each level were marked
 * {@code @Valid}: the tool's input schema publishes them all (a nested record's {@code @Min} becomes its
 * {@code minimum}), so a client is held to all of them, not only to those Bean Validation would cascade to.
 */
final class NestedConstraints {

    /** Deeper than JSON arguments nest (their nesting is bounded by {@code max-nesting-depth}). */
    private static final int MAX_DEPTH = 128;

    private final Validator validator;

    /** Per class, the properties that may hold constraints: the only ones read (a getter may cost something). */
    private final Map<Class<?>, List<Property>> constrainedProperties = new ConcurrentHashMap<>();

    NestedConstraints(Validator validator) {
        this.validator = validator;
    }

    /** Whether a value of {@code type} may hold a record or bean with constraints (decided once per parameter). */
    boolean reachesConstraints(Type type) {
        return reaches(type, new HashSet<>());
    }

    /**
     * Validates {@code value} and everything in it, adding {@code "path: message"} for each violation.
     *
     * @param path the argument's name, the start of every path
     */
    void validate(@Nullable Object value, String path, Set<String> problems) {
        validate(value, path, problems, 0);
    }

    private void validate(@Nullable Object value, String path, Set<String> problems, int depth) {
        if (value == null || depth > MAX_DEPTH) {
            return;
        }
        if (value instanceof Collection<?> items) {
            int index = 0;
            for (Object item : items) {
                validate(item, path + "[" + index++ + "]", problems, depth + 1);
            }
            return;
        }
        if (value instanceof Map<?, ?> map) {
            map.forEach((key, item) -> validate(item, path + "[" + key + "]", problems, depth + 1));
            return;
        }
        if (value instanceof Optional<?> optional) {
            optional.ifPresent(item -> validate(item, path, problems, depth + 1));
            return;
        }
        if (value instanceof Object[] array) {
            for (int i = 0; i < array.length; i++) {
                validate(array[i], path + "[" + i + "]", problems, depth + 1);
            }
            return;
        }
        if (isLeaf(value.getClass())) {
            return;
        }
        for (ConstraintViolation<Object> violation : validator.validate(value)) {
            String inner = JakartaArgumentValidation.path(violation.getPropertyPath(), new String[0]);
            String where = inner.isEmpty() ? path : inner.startsWith("[") ? path + inner : path + "." + inner;
            problems.add(where + ": " + violation.getMessage());
        }
        for (Property property : constrainedProperties(value.getClass())) {
            validate(ReflectionUtils.invokeMethod(property.reader(), value), path + "." + property.name(), problems,
                    depth + 1);
        }
    }

    private boolean reaches(Type type, Set<Class<?>> seen) {
        if (type instanceof ParameterizedType parameterized && parameterized.getRawType() instanceof Class<?> raw) {
            Type[] arguments = parameterized.getActualTypeArguments();
            if (Collection.class.isAssignableFrom(raw) || raw == Optional.class) {
                return reaches(arguments[0], seen);
            }
            if (Map.class.isAssignableFrom(raw)) {
                return reaches(arguments[1], seen);
            }
            return reaches(raw, seen);
        }
        if (type instanceof GenericArrayType array) {
            return reaches(array.getGenericComponentType(), seen);
        }
        if (type instanceof WildcardType wildcard) {
            return reaches(wildcard.getUpperBounds()[0], seen);
        }
        if (!(type instanceof Class<?> plain)) {
            return false; // a type variable: nothing known
        }
        if (plain.isArray()) {
            return reaches(plain.getComponentType(), seen);
        }
        if (isLeaf(plain) || !seen.add(plain)) {
            return false;
        }
        if (validator.getConstraintsForClass(plain).isBeanConstrained()) {
            return true;
        }
        for (Property property : readProperties(plain)) {
            if (reaches(property.type(), seen)) {
                return true;
            }
        }
        return false;
    }

    /** Values without properties of their own to check: JDK types, enums, JSON trees. */
    private static boolean isLeaf(Class<?> type) {
        return type.isPrimitive() || type.isEnum() || type.getName().startsWith("java.")
                || JsonNode.class.isAssignableFrom(type);
    }

    private List<Property> constrainedProperties(Class<?> type) {
        return constrainedProperties.computeIfAbsent(type, key -> readProperties(key).stream()
            .filter(property -> reachesConstraints(property.type()))
            .toList());
    }

    /** A record's components, else a bean's readable properties. */
    private static List<Property> readProperties(Class<?> type) {
        List<Property> found = new ArrayList<>();
        if (type.isRecord()) {
            for (RecordComponent component : type.getRecordComponents()) {
                Method accessor = component.getAccessor();
                ReflectionUtils.makeAccessible(accessor); // a record the application declared package-private
                found.add(new Property(component.getName(), accessor, component.getGenericType()));
            }
            return List.copyOf(found);
        }
        for (PropertyDescriptor descriptor : BeanUtils.getPropertyDescriptors(type)) {
            Method reader = descriptor.getReadMethod();
            if (reader != null && reader.getDeclaringClass() != Object.class) {
                ReflectionUtils.makeAccessible(reader);
                found.add(new Property(descriptor.getName(), reader, reader.getGenericReturnType()));
            }
        }
        return List.copyOf(found);
    }

    private record Property(String name, Method reader, Type type) {
    }
}
