package dev.mcpspring.annotation.internal;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.lang.reflect.Type;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.mcpspring.annotation.McpComplete;
import dev.mcpspring.annotation.McpIcon;
import dev.mcpspring.annotation.McpPrompt;
import dev.mcpspring.annotation.McpResource;
import dev.mcpspring.annotation.McpTool;
import dev.mcpspring.protocol.Icon;
import org.jspecify.annotations.Nullable;
import org.springframework.core.DefaultParameterNameDiscoverer;
import org.springframework.core.GenericTypeResolver;
import org.springframework.core.KotlinDetector;
import org.springframework.core.MethodIntrospector;
import org.springframework.core.MethodParameter;
import org.springframework.core.ParameterNameDiscoverer;
import org.springframework.core.annotation.AnnotatedMethod;
import org.springframework.core.annotation.MergedAnnotations;
import org.springframework.core.annotation.MergedAnnotations.SearchStrategy;
import org.springframework.util.ClassUtils;

/** What every kind of annotated method needs: finding the methods, describing them, naming their parameters. */
final class AnnotatedMethods {

    /** The annotations that make a method part of the server, in the order they are registered. */
    static final List<Class<? extends Annotation>> ANNOTATION_TYPES = List.of(McpTool.class, McpResource.class,
            McpPrompt.class, McpComplete.class);

    private static final ParameterNameDiscoverer PARAMETER_NAMES = new DefaultParameterNameDiscoverer();

    private AnnotatedMethods() {
    }

    /** The methods of a class (and of its interfaces) carrying {@code annotationType}, in a stable order. */
    static List<Method> find(Class<?> type, Class<? extends Annotation> annotationType) {
        return List.copyOf(findAny(type, List.of(annotationType)).keySet());
    }

    /**
     * The methods of a class (and of its interfaces) carrying any of {@code annotationTypes}, each with the
     * annotation types it carries, in a stable order.
     */
    static Map<Method, List<Class<? extends Annotation>>> findAny(Class<?> type,
            List<Class<? extends Annotation>> annotationTypes) {
        Map<Method, List<Class<? extends Annotation>>> found = MethodIntrospector.selectMethods(type,
                (MethodIntrospector.MetadataLookup<List<Class<? extends Annotation>>>) method -> {
                    // one search of the method and the methods it overrides for all the types: a merged find per
                    // type costs as much each, for every method of every bean at start-up
                    MergedAnnotations annotations = MergedAnnotations.from(method, SearchStrategy.TYPE_HIERARCHY);
                    List<Class<? extends Annotation>> present = new ArrayList<>(1);
                    for (Class<? extends Annotation> annotationType : annotationTypes) {
                        if (annotations.isPresent(annotationType)) {
                            present.add(annotationType);
                        }
                    }
                    return present.isEmpty() ? null : present;
                });
        List<Method> methods = new ArrayList<>(found.keySet());
        methods.sort((a, b) -> describe(a, type).compareTo(describe(b, type)));
        Map<Method, List<Class<? extends Annotation>>> sorted = new LinkedHashMap<>();
        methods.forEach(method -> sorted.put(method, found.get(method)));
        return sorted;
    }

    /** {@code WeatherTools.forecast(String)}: the class is the bean's (or the declaring interface of a proxy). */
    static String describe(Method method, Class<?> targetClass) {
        Class<?> owner = targetClass == null || Proxy.isProxyClass(targetClass) ? method.getDeclaringClass()
                : ClassUtils.getUserClass(targetClass);
        StringBuilder text = new StringBuilder(ClassUtils.getShortName(owner)).append('.')
            .append(method.getName())
            .append('(');
        Class<?>[] types = method.getParameterTypes();
        for (int i = 0; i < types.length; i++) {
            text.append(i == 0 ? "" : ", ").append(types[i].getSimpleName());
        }
        return text.append(')').toString();
    }

    /** The class against which the generic types of a method are resolved. */
    static Class<?> resolutionClass(Method method, Class<?> targetClass) {
        return targetClass == null || Proxy.isProxyClass(targetClass) ? method.getDeclaringClass() : targetClass;
    }

    /** The name of what a method declares when its annotation names none: the method's name in its source. */
    static String defaultName(Method method) {
        return KotlinSupport.sourceName(method);
    }

    /** The parameters a caller binds: all of them, but the continuation of a Kotlin {@code suspend} function. */
    static MethodParameter[] parameters(Method method) {
        MethodParameter[] parameters = new AnnotatedMethod(method).getMethodParameters();
        return KotlinSupport.isSuspending(method) ? Arrays.copyOf(parameters, parameters.length - 1) : parameters;
    }

    /**
     * A method's return type resolved against {@code resolutionClass}; a Kotlin {@code suspend} function's is
     * {@code Mono<T>} of what it returns when it resumes.
     *
     * @throws IllegalArgumentException when a suspend function cannot be called (kotlinx-coroutines-reactor missing)
     */
    static Type returnType(Method method, Class<?> resolutionClass) {
        return KotlinSupport.isSuspending(method) ? KotlinSupport.suspendingReturnType(method)
                : GenericTypeResolver.resolveType(method.getGenericReturnType(), resolutionClass);
    }

    /**
     * The name the compiler recorded for a parameter.
     *
     * @param alternative how else the parameter can be named, completing "compile with '-parameters' or ..."
     * @throws IllegalArgumentException when the names were not recorded
     */
    static String parameterName(MethodParameter parameter, String alternative) {
        parameter.initParameterNameDiscovery(PARAMETER_NAMES);
        String name = parameter.getParameterName(); // from -parameters, or from Kotlin's metadata
        if (name == null) {
            throw new IllegalArgumentException("the names of its parameters are not available: "
                    + (KotlinDetector.isKotlinType(parameter.getDeclaringClass())
                            ? "put kotlin-reflect on the class path, compile with '-java-parameters'"
                            : "compile with '-parameters'")
                    + " (spring-boot-starter-parent does) or " + alternative);
        }
        return name;
    }

    /** {@code null} for an empty annotation attribute. */
    static @Nullable String textOrNull(@Nullable String text) {
        return text == null || text.isEmpty() ? null : text;
    }

    /**
     * The icons declared by an annotation, or {@code null} for none.
     *
     * @throws IllegalArgumentException naming the icon that is invalid
     */
    static @Nullable List<Icon> icons(McpIcon[] icons) {
        if (icons.length == 0) {
            return null;
        }
        List<Icon> result = new ArrayList<>(icons.length);
        for (McpIcon icon : icons) {
            try {
                if (!new URI(icon.src()).isAbsolute()) {
                    throw new URISyntaxException(icon.src(), "no scheme");
                }
            }
            catch (URISyntaxException ex) {
                throw new IllegalArgumentException("its icon src '" + icon.src() + "' is not an absolute URI: use"
                        + " an https: URL or a data: URI");
            }
            if (!icon.theme().isEmpty() && !icon.theme().equals("light") && !icon.theme().equals("dark")) {
                throw new IllegalArgumentException("its icon theme '" + icon.theme() + "' is neither 'light' nor"
                        + " 'dark'");
            }
            result.add(new Icon(icon.src(), textOrNull(icon.mimeType()),
                    icon.sizes().length == 0 ? null : Arrays.asList(icon.sizes()), textOrNull(icon.theme())));
        }
        return List.copyOf(result);
    }
}
