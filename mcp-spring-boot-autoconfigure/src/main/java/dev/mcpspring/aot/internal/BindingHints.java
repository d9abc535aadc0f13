package dev.mcpspring.aot.internal;

import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import org.jspecify.annotations.Nullable;
import org.springframework.aot.hint.BindingReflectionHintsRegistrar;
import org.springframework.aot.hint.ReflectionHints;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.TypeHint;
import org.springframework.util.ClassUtils;

/**
 * The reflection that reading and writing a type with Jackson, and describing it with the JSON Schema generator,
 * needs: Spring's {@link BindingReflectionHintsRegistrar} (the type, its constructors, fields, properties and
 * record components, transitively, with generics and Jackson annotations), extended to the subtypes Jackson and the
 * schema generator look up and Spring's registrar does not follow: the classes named by {@link JsonSubTypes} and
 * the permitted subclasses of a sealed type, with everything they reach in turn.
 * <p>
 * Registering a type also makes its members introspectable in a native image (what the schema generator reads:
 * declared fields, methods and their annotations), as of Spring Framework 7 and GraalVM's reachability metadata.
 */
final class BindingHints {

    private final BindingReflectionHintsRegistrar registrar = new BindingReflectionHintsRegistrar();

    private final @Nullable ClassLoader classLoader;

    BindingHints(@Nullable ClassLoader classLoader) {
        this.classLoader = classLoader;
    }

    /** Registers the binding hints of {@code types}, of the subtypes they declare, and of all they reach. */
    void register(ReflectionHints hints, Collection<? extends Type> types) {
        if (types.isEmpty()) {
            return;
        }
        Set<Type> roots = new LinkedHashSet<>(types);
        Set<String> searched = new HashSet<>();
        boolean grown = true;
        while (grown) {
            // what Spring's walk reaches from the roots: the types whose subtypes are to be added
            RuntimeHints reached = new RuntimeHints();
            registrar.registerReflectionHints(reached.reflection(), roots.toArray(Type[]::new));
            List<Class<?>> subtypes = new ArrayList<>();
            reached.reflection().typeHints().map(TypeHint::getType).forEach(reference -> {
                if (searched.add(reference.getName())) {
                    Class<?> type = load(reference.getName());
                    if (type != null) {
                        subtypes.addAll(subtypesOf(type));
                    }
                }
            });
            grown = roots.addAll(subtypes);
        }
        registrar.registerReflectionHints(hints, roots.toArray(Type[]::new));
    }

    /** The subtypes Jackson may bind a value of {@code type} to. */
    static List<Class<?>> subtypesOf(Class<?> type) {
        if (type.getName().startsWith("java.")) {
            return List.of();
        }
        List<Class<?>> subtypes = new ArrayList<>();
        JsonSubTypes declared = type.getDeclaredAnnotation(JsonSubTypes.class);
        if (declared != null) {
            for (JsonSubTypes.Type subtype : declared.value()) {
                subtypes.add(subtype.value());
            }
        }
        if (type.isSealed()) {
            Class<?>[] permitted = type.getPermittedSubclasses();
            if (permitted != null) {
                subtypes.addAll(List.of(permitted));
            }
        }
        return subtypes;
    }

    private @Nullable Class<?> load(String name) {
        try {
            return ClassUtils.forName(name, classLoader);
        }
        catch (ClassNotFoundException | LinkageError ex) {
            return null;
        }
    }
}
