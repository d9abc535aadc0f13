package dev.mcpspring.annotation.internal;

import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.util.Collection;
import java.util.Map;

import com.github.victools.jsonschema.generator.MemberScope;
import com.github.victools.jsonschema.generator.Module;
import com.github.victools.jsonschema.module.jakarta.validation.JakartaValidationModule;
import jakarta.validation.constraints.AssertFalse;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Negative;
import jakarta.validation.constraints.NegativeOrZero;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;
import org.springframework.core.MethodParameter;
import org.springframework.core.ResolvableType;
import tools.jackson.databind.node.ObjectNode;

/**
 * Bean Validation constraints in generated schemas. Loaded only when {@code jakarta.validation} is on the class
 * path: nothing else in this package refers to a {@code jakarta.validation} type.
 * <p>
 * Properties of argument and result types are handled by victools' Jakarta Validation module; the tool method's own
 * parameters are not members of a type, so their constraints are mapped here, the same way.
 */
final class JakartaSchemaSupport {

    private JakartaSchemaSupport() {
    }

    /**
     * victools' module for constraints on fields and getters, with the regular expressions of {@code @Pattern} and
     * {@code @Email} as {@link #schemaPattern patterns}.
     */
    static Module module() {
        Module constraints = new JakartaValidationModule();
        return builder -> {
            builder.forFields().withStringPatternResolver(JakartaSchemaSupport::schemaPattern);
            builder.forMethods().withStringPatternResolver(JakartaSchemaSupport::schemaPattern);
            constraints.applyToConfigBuilder(builder);
        };
    }

    private static @Nullable String schemaPattern(MemberScope<?, ?> member) {
        Pattern pattern = member.isFakeContainerItemScope()
                ? member.getContainerItemAnnotationConsideringFieldAndGetterIfSupported(Pattern.class)
                : member.getAnnotationConsideringFieldAndGetterIfSupported(Pattern.class);
        if (pattern != null) {
            return schemaPattern(pattern.regexp(), pattern.flags().length);
        }
        Email email = member.isFakeContainerItemScope()
                ? member.getContainerItemAnnotationConsideringFieldAndGetterIfSupported(Email.class)
                : member.getAnnotationConsideringFieldAndGetterIfSupported(Email.class);
        return email == null ? null : schemaPattern(email.regexp(), email.flags().length);
    }

    /**
     * A Bean Validation regular expression as a JSON Schema {@code pattern}: Bean Validation matches the whole
     * value, a JSON Schema pattern any part of it, so it is anchored. {@code null} when there is nothing to say (the
     * default {@code .*} of {@code @Email}) or it has flags, which a JSON Schema pattern cannot carry.
     */
    static @Nullable String schemaPattern(String regexp, int flags) {
        return flags > 0 || ".*".equals(regexp) ? null : "^(?:" + regexp + ")$";
    }

    /** Adds the keywords that the constraints on a tool method parameter imply to that argument's schema. */
    static void applyParameterConstraints(MethodParameter parameter, Type valueType, ObjectNode schema) {
        Class<?> raw = ResolvableType.forType(valueType).toClass();
        boolean text = CharSequence.class.isAssignableFrom(raw);
        boolean array = raw.isArray() || Collection.class.isAssignableFrom(raw);
        boolean map = Map.class.isAssignableFrom(raw);

        Size size = parameter.getParameterAnnotation(Size.class);
        if (size != null) {
            if (text) {
                putIfPositive(schema, "minLength", size.min());
                putIfBounded(schema, "maxLength", size.max());
            }
            else if (array) {
                putIfPositive(schema, "minItems", size.min());
                putIfBounded(schema, "maxItems", size.max());
            }
            else if (map) {
                putIfPositive(schema, "minProperties", size.min());
                putIfBounded(schema, "maxProperties", size.max());
            }
        }
        if (parameter.hasParameterAnnotation(NotEmpty.class) || parameter.hasParameterAnnotation(NotBlank.class)) {
            String keyword = text ? "minLength" : array ? "minItems" : map ? "minProperties" : null;
            if (keyword != null && !schema.has(keyword)) {
                schema.put(keyword, 1);
            }
        }
        if (text) {
            Pattern pattern = parameter.getParameterAnnotation(Pattern.class);
            Email email = parameter.getParameterAnnotation(Email.class);
            String regexp = pattern != null ? schemaPattern(pattern.regexp(), pattern.flags().length)
                    : email != null ? schemaPattern(email.regexp(), email.flags().length) : null;
            if (regexp != null) {
                schema.put("pattern", regexp);
            }
            if (email != null) {
                schema.put("format", "email");
            }
        }

        Min min = parameter.getParameterAnnotation(Min.class);
        DecimalMin decimalMin = parameter.getParameterAnnotation(DecimalMin.class);
        if (min != null) {
            schema.put("minimum", min.value());
        }
        else if (decimalMin != null) {
            putNumber(schema, decimalMin.inclusive() ? "minimum" : "exclusiveMinimum", new BigDecimal(decimalMin.value()));
        }
        else if (parameter.hasParameterAnnotation(PositiveOrZero.class)) {
            schema.put("minimum", 0);
        }
        else if (parameter.hasParameterAnnotation(Positive.class)) {
            schema.put("exclusiveMinimum", 0);
        }
        Max max = parameter.getParameterAnnotation(Max.class);
        DecimalMax decimalMax = parameter.getParameterAnnotation(DecimalMax.class);
        if (max != null) {
            schema.put("maximum", max.value());
        }
        else if (decimalMax != null) {
            putNumber(schema, decimalMax.inclusive() ? "maximum" : "exclusiveMaximum", new BigDecimal(decimalMax.value()));
        }
        else if (parameter.hasParameterAnnotation(NegativeOrZero.class)) {
            schema.put("maximum", 0);
        }
        else if (parameter.hasParameterAnnotation(Negative.class)) {
            schema.put("exclusiveMaximum", 0);
        }

        if (parameter.hasParameterAnnotation(AssertTrue.class)) {
            schema.put("const", true);
        }
        else if (parameter.hasParameterAnnotation(AssertFalse.class)) {
            schema.put("const", false);
        }
    }

    private static void putIfPositive(ObjectNode schema, String keyword, int value) {
        if (value > 0) {
            schema.put(keyword, value);
        }
    }

    private static void putIfBounded(ObjectNode schema, String keyword, int value) {
        if (value < Integer.MAX_VALUE) {
            schema.put(keyword, value);
        }
    }

    private static void putNumber(ObjectNode schema, String keyword, BigDecimal value) {
        try {
            schema.put(keyword, value.longValueExact());
        }
        catch (ArithmeticException notAWholeNumber) {
            schema.put(keyword, value);
        }
    }
}
