package dev.mcpspring.annotation.internal;

import java.lang.reflect.Array;
import java.lang.reflect.Type;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;

import dev.mcpspring.protocol.internal.JsonBindingMessages;
import org.jspecify.annotations.Nullable;
import org.springframework.core.GenericTypeResolver;
import org.springframework.core.MethodParameter;
import org.springframework.core.ResolvableType;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.node.StringNode;

/**
 * A method parameter bound from a string: a variable of a resource template or an argument of a prompt. A
 * {@code String} (or {@code CharSequence}, {@code Object}) parameter receives the string as it is; any other type
 * is read by the protocol's Jackson mapper from the string as a JSON string, so numbers, booleans, enums (with
 * their {@code @JsonValue} / {@code @JsonProperty} names), {@code UUID}, {@code URI} and {@code java.time} types
 * work, as do types with a {@code @JsonCreator} taking a string. An {@code Optional} parameter is unwrapped.
 * Built once per parameter at startup.
 */
final class StringParameter {

    private final String name;

    private final boolean required;

    private final boolean optionalWrapper;

    private final Class<?> rawType;

    private final boolean verbatim;

    private final ObjectReader reader;

    private final ObjectMapper mapper;

    private final Object absentValue;

    /**
     * @param name            the variable's or argument's name
     * @param parameter       the method parameter
     * @param resolutionClass the class against which its generic type is resolved
     * @param required        whether a value must be given
     * @param mapper          the protocol's mapper
     * @throws IllegalArgumentException when the parameter's type cannot be read from a string
     */
    StringParameter(String name, MethodParameter parameter, Class<?> resolutionClass, boolean required,
            ObjectMapper mapper) {
        Type declared = GenericTypeResolver.resolveType(parameter.getGenericParameterType(), resolutionClass);
        this.optionalWrapper = parameter.getParameterType() == Optional.class;
        Type valueType = declared;
        if (optionalWrapper) {
            ResolvableType element = ResolvableType.forType(declared).getGeneric(0);
            valueType = element.resolve() != null ? element.getType() : Object.class;
        }
        JavaType type = mapper.getTypeFactory().constructType(valueType);
        this.name = name;
        this.required = required;
        this.rawType = type.getRawClass();
        this.verbatim = rawType == String.class || rawType == CharSequence.class || rawType == Object.class;
        this.reader = mapper.readerFor(type);
        this.mapper = mapper;
        this.absentValue = optionalWrapper ? Optional.empty() : absentValue(rawType);
        checkConvertible(valueType);
    }

    /**
     * What a parameter of this type gets when its value is left out: a primitive's default, an empty
     * {@code OptionalInt} (and kin), else {@code null}.
     */
    static @Nullable Object absentValue(Class<?> rawType) {
        return rawType.isPrimitive() ? Array.get(Array.newInstance(rawType, 1), 0)
                : rawType == OptionalInt.class ? OptionalInt.empty()
                : rawType == OptionalLong.class ? OptionalLong.empty()
                : rawType == OptionalDouble.class ? OptionalDouble.empty() : null;
    }

    /** Whether the parameter is an {@code Optional}. */
    static boolean isOptional(MethodParameter parameter) {
        return parameter.getParameterType() == Optional.class;
    }

    /** The variable's or argument's name. */
    String name() {
        return name;
    }

    /** Whether a value must be given. */
    boolean required() {
        return required;
    }

    /**
     * The parameter's value for a string, {@code null} when none was given.
     *
     * @throws ArgumentBindingException when a required value is missing or the string cannot be converted,
     *                                  saying so in words for the client (such as
     *                                  {@code 'id': expected an integer, got "abc"})
     */
    Object bind(String value) {
        if (value == null) {
            if (required) {
                throw new ArgumentBindingException("'" + name + "' is required");
            }
            return absentValue;
        }
        Object bound;
        if (verbatim) {
            bound = value;
        }
        else if (value.isEmpty()) {
            throw new ArgumentBindingException("'" + name + "' must not be empty");
        }
        else {
            try {
                bound = reader.readValue(StringNode.valueOf(value));
            }
            catch (JacksonException ex) {
                throw new ArgumentBindingException(JsonBindingMessages.describe(name, ex, mapper));
            }
        }
        if (bound == null) {
            return absentValue;
        }
        return optionalWrapper ? Optional.of(bound) : bound;
    }

    /**
     * Fails when Jackson cannot read this type from a string at all, by reading one: a conversion that succeeds,
     * or fails only because this string is not a valid value ({@link InvalidFormatException}), proves the type is
     * fine; any other failure (no creator taking a string, a container type, an abstract type) means no string
     * will do.
     */
    private void checkConvertible(Type valueType) {
        if (verbatim) {
            return;
        }
        try {
            reader.readValue(StringNode.valueOf("x"));
        }
        catch (InvalidFormatException ex) {
            // "x" is not a value of this type, but strings are: fine
        }
        catch (JacksonException ex) {
            throw new IllegalArgumentException("its parameter '" + name + "' of type "
                    + ResolvableType.forType(valueType) + " cannot be converted from a string: use String, a number,"
                    + " boolean, enum, UUID, URI, java.time type or another type Jackson reads from a JSON string");
        }
    }
}
