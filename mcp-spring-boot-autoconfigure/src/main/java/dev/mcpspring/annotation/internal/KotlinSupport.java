package dev.mcpspring.annotation.internal;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.BeanUtils;
import org.springframework.core.CoroutinesUtils;
import org.springframework.core.DefaultParameterNameDiscoverer;
import org.springframework.core.KotlinDetector;
import org.springframework.core.MethodParameter;
import org.springframework.core.ParameterNameDiscoverer;
import org.springframework.core.ResolvableType;
import org.springframework.util.ClassUtils;

import kotlin.jvm.JvmClassMappingKt;
import kotlin.reflect.KFunction;
import kotlin.reflect.KParameter;
import kotlin.reflect.KProperty1;
import kotlin.reflect.full.KClasses;
import kotlin.reflect.jvm.KCallablesJvm;
import kotlin.reflect.jvm.ReflectJvmMapping;

/**
 * Kotlin functions and classes as MCP handlers and their arguments, as Spring MVC takes them: a parameter with a
 * default value gets its default when the client leaves the argument out, a {@code suspend} function answers when it
 * resumes (as a {@code Mono} does), and a function's name is its Kotlin name (the JVM name of a function taking a
 * value class is mangled). Nullable parameters and parameters with defaults are optional
 * ({@code MethodParameter.isOptional()}), and so are the properties of a class whose constructor parameters are.
 * Only active when kotlin-reflect is on the class path.
 */
final class KotlinSupport {

    private static final boolean COROUTINES_REACTOR_PRESENT = ClassUtils.isPresent(
            "kotlinx.coroutines.reactor.MonoKt", KotlinSupport.class.getClassLoader());

    private static final String MONO = "reactor.core.publisher.Mono";

    private static final ParameterNameDiscoverer PARAMETER_NAMES = new DefaultParameterNameDiscoverer();

    private KotlinSupport() {
    }

    /**
     * The primary constructor's parameter behind a property of a Kotlin class, where Kotlin puts an annotation
     * without use-site target ({@code @McpToolParam(...) val city: String}) and whose nullability and default value
     * say whether the property is optional; {@code null} for a Java class or another property.
     */
    static @Nullable MethodParameter constructorParameter(Class<?> type, String property) {
        if (!KotlinDetector.isKotlinReflectPresent() || !KotlinDetector.isKotlinType(type)) {
            return null;
        }
        Constructor<?> constructor = BeanUtils.findPrimaryConstructor(type);
        String[] names = constructor == null ? null : PARAMETER_NAMES.getParameterNames(constructor);
        for (int i = 0; names != null && i < names.length; i++) {
            if (names[i].equals(property)) {
                return MethodParameter.forExecutable(constructor, i);
            }
        }
        return null;
    }

    /** Whether a property of a Kotlin class has a type that is not nullable: Jackson always writes it. */
    static boolean isNonNullProperty(Class<?> type, String property) {
        return KotlinDetector.isKotlinReflectPresent() && KotlinDetector.isKotlinType(type)
                && Reflection.isNonNullProperty(type, property);
    }

    /** Whether a method is declared in Kotlin and kotlin-reflect is there to read it. */
    static boolean isKotlin(Method method) {
        return KotlinDetector.isKotlinReflectPresent() && KotlinDetector.isKotlinType(method.getDeclaringClass());
    }

    /** Whether a method is a Kotlin {@code suspend} function (its last JVM parameter is the continuation). */
    static boolean isSuspending(Method method) {
        return isKotlin(method) && KotlinDetector.isSuspendingFunction(method);
    }

    /** The name a method has in its source: the Kotlin function's name, or the Java method's. */
    static String sourceName(Method method) {
        return isKotlin(method) ? Reflection.name(method) : method.getName();
    }

    /**
     * The return type of a {@code suspend} function as the starter treats it, {@code Mono<T>} of the type it
     * returns when it resumes.
     *
     * @throws IllegalArgumentException when Reactor's Kotlin coroutines bridge is missing
     */
    static Type suspendingReturnType(Method method) {
        if (!COROUTINES_REACTOR_PRESENT) {
            throw new IllegalArgumentException("it is a suspend function, which needs kotlinx-coroutines-reactor on the"
                    + " class path (as for a suspend function in a Spring MVC controller)");
        }
        Type value = Reflection.returnType(method);
        try {
            Class<?> mono = ClassUtils.forName(MONO, KotlinSupport.class.getClassLoader());
            return ResolvableType.forClassWithGenerics(mono, ResolvableType.forType(value)).getType();
        }
        catch (ClassNotFoundException ex) {
            throw new IllegalStateException("Reactor is missing beside kotlinx-coroutines-reactor", ex);
        }
    }

    /**
     * How to call a Kotlin method when a plain reflective call would not do ({@code suspend}, or defaults to apply),
     * or {@code null} for a Java method or a Kotlin function without defaults.
     */
    static @Nullable Caller callerFor(Method method) {
        if (!isKotlin(method)) {
            return null;
        }
        if (KotlinDetector.isSuspendingFunction(method)) {
            return (target, args) -> CoroutinesUtils.invokeSuspendingFunction(method, target, args);
        }
        return Reflection.defaultsCaller(method);
    }

    /** Calls a Kotlin method. */
    @FunctionalInterface
    interface Caller {

        /**
         * Calls it on {@code target} with the bound arguments.
         *
         * @throws InvocationTargetException carrying what the function threw
         */
        @Nullable Object call(@Nullable Object target, @Nullable Object[] args) throws InvocationTargetException;
    }

    /** What needs kotlin-reflect's types, in a class of its own that is loaded only for Kotlin methods. */
    private static final class Reflection {

        static String name(Method method) {
            KFunction<?> function = ReflectJvmMapping.getKotlinFunction(method);
            return function == null ? method.getName() : function.getName();
        }

        static boolean isNonNullProperty(Class<?> type, String name) {
            for (KProperty1<?, ?> property : KClasses.getMemberProperties(JvmClassMappingKt.getKotlinClass(type))) {
                if (property.getName().equals(name)) {
                    return !property.getReturnType().isMarkedNullable();
                }
            }
            return false;
        }

        static Type returnType(Method method) {
            KFunction<?> function = ReflectJvmMapping.getKotlinFunction(method);
            return function == null ? Object.class : ReflectJvmMapping.getJavaType(function.getReturnType());
        }

        static @Nullable Caller defaultsCaller(Method method) {
            KFunction<?> function = ReflectJvmMapping.getKotlinFunction(method);
            if (function == null || function.getParameters().stream().noneMatch(KParameter::isOptional)) {
                return null;
            }
            if (!KCallablesJvm.isAccessible(function)) {
                KCallablesJvm.setAccessible(function, true);
            }
            return new DefaultsCaller(function);
        }
    }

    /** Calls a function by its parameters, leaving out the optional ones whose argument is absent (null). */
    private static final class DefaultsCaller implements Caller {

        private final KFunction<?> function;

        private final @Nullable KParameter instance;

        private final List<KParameter> values;

        DefaultsCaller(KFunction<?> function) {
            this.function = function;
            this.instance = function.getParameters().stream()
                .filter(parameter -> parameter.getKind() == KParameter.Kind.INSTANCE)
                .findFirst()
                .orElse(null);
            this.values = function.getParameters().stream()
                .filter(parameter -> parameter.getKind() == KParameter.Kind.VALUE)
                .toList();
        }

        @Override
        public @Nullable Object call(@Nullable Object target, @Nullable Object[] args) {
            Map<KParameter, @Nullable Object> arguments = new HashMap<>();
            if (instance != null) {
                arguments.put(instance, target);
            }
            for (int i = 0; i < values.size(); i++) {
                KParameter parameter = values.get(i);
                if (args[i] != null || !parameter.isOptional()) {
                    arguments.put(parameter, args[i]);
                }
            }
            return function.callBy(arguments);
        }
    }
}
