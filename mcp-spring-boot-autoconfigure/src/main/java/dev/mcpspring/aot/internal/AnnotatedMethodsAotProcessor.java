package dev.mcpspring.aot.internal;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;

import dev.mcpspring.annotation.internal.AnnotatedMethodIntrospection;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.aot.hint.ExecutableMode;
import org.springframework.aot.hint.ReflectionHints;
import org.springframework.beans.factory.aot.BeanFactoryInitializationAotContribution;
import org.springframework.beans.factory.aot.BeanFactoryInitializationAotProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.RegisteredBean;
import org.springframework.core.ResolvableType;
import org.springframework.core.annotation.AnnotationUtils;
import org.springframework.util.ClassUtils;

/**
 * Finds, at build time, the beans whose classes have {@code @McpTool}, {@code @McpResource}, {@code @McpPrompt} or
 * {@code @McpComplete} methods (found exactly as the registration at run time finds them) and registers what
 * calling them needs in a native image:
 * <ul>
 * <li>each annotated method for invocation ({@link ExecutableMode#INVOKE}), with the matching interface method
 * when the bean may be a JDK proxy; the method's annotations and parameter names come with it;</li>
 * <li>binding hints ({@link BindingHints}) for the types of its parameters and of its result: records, classes,
 * enums, their nested and generic types and declared subtypes, as Jackson binds them and the JSON Schema generator
 * describes them. {@code Optional}, {@code CompletionStage} / {@code CompletableFuture}, Reactor's {@code Mono},
 * arrays and the type arguments of collections and maps are looked through; parameters the server injects
 * ({@code PeerHandle}, {@code McpRequestContext}, the caller) are skipped.</li>
 * </ul>
 * The bean classes are those the bean definitions declare (a {@code @Bean} method's declared return type): an
 * annotated method of an implementation hidden behind a {@code @Bean} method returning an interface is not seen.
 * Types a tool only names in its body, such as the form of {@code PeerHandle.elicit(message, Form.class)}, are not
 * seen either: {@code @RegisterReflectionForBinding} on the bean registers them.
 */
class AnnotatedMethodsAotProcessor implements BeanFactoryInitializationAotProcessor {

    private static final Log logger = LogFactory.getLog(AnnotatedMethodsAotProcessor.class);

    private static final String MONO = "reactor.core.publisher.Mono";

    private static final int MAX_TYPE_DEPTH = 16;

    @Override
    public @Nullable BeanFactoryInitializationAotContribution processAheadOfTime(
            ConfigurableListableBeanFactory beanFactory) {
        Map<Class<?>, Map<Method, List<Class<? extends Annotation>>>> found = new LinkedHashMap<>();
        for (String beanName : beanFactory.getBeanDefinitionNames()) {
            Class<?> beanClass = beanClass(beanFactory, beanName);
            if (beanClass == null || found.containsKey(beanClass)
                    || !AnnotationUtils.isCandidateClass(beanClass, AnnotatedMethodIntrospection.annotationTypes())) {
                continue;
            }
            try {
                Map<Method, List<Class<? extends Annotation>>> methods = AnnotatedMethodIntrospection
                    .annotatedMethods(beanClass);
                if (!methods.isEmpty()) {
                    found.put(beanClass, methods);
                }
            }
            catch (RuntimeException | LinkageError ex) {
                // as at run time: a type in a signature cannot be loaded, so no method of the bean can be called
                if (logger.isDebugEnabled()) {
                    logger.debug("Cannot introspect the methods of bean '" + beanName + "' for MCP annotations", ex);
                }
            }
        }
        if (found.isEmpty()) {
            return null;
        }
        ClassLoader classLoader = beanFactory.getBeanClassLoader();
        return (generationContext, code) -> {
            ReflectionHints hints = generationContext.getRuntimeHints().reflection();
            Set<Type> bound = new LinkedHashSet<>();
            found.forEach((beanClass, methods) -> methods.keySet().forEach(method -> {
                hints.registerMethod(method, ExecutableMode.INVOKE);
                Method interfaceMethod = ClassUtils.getInterfaceMethodIfPossible(method, beanClass);
                if (!interfaceMethod.equals(method)) {
                    hints.registerMethod(interfaceMethod, ExecutableMode.INVOKE);
                }
                bound.addAll(boundTypes(method, beanClass));
            }));
            new BindingHints(classLoader).register(hints, bound);
        };
    }

    private static @Nullable Class<?> beanClass(ConfigurableListableBeanFactory beanFactory, String beanName) {
        try {
            return ClassUtils.getUserClass(RegisteredBean.of(beanFactory, beanName).getBeanClass());
        }
        catch (RuntimeException | LinkageError ex) {
            if (logger.isDebugEnabled()) {
                logger.debug("Cannot determine the class of bean '" + beanName + "': not searched for MCP annotations",
                        ex);
            }
            return null;
        }
    }

    /** The classes that Jackson binds or writes, and the schema generator describes, for one method. */
    static List<Class<?>> boundTypes(Method method, Class<?> beanClass) {
        Set<Class<?>> types = new LinkedHashSet<>();
        Class<?>[] parameterTypes = method.getParameterTypes();
        for (int i = 0; i < parameterTypes.length; i++) {
            if (!AnnotatedMethodIntrospection.isInjected(parameterTypes[i])) {
                collect(ResolvableType.forMethodParameter(method, i, beanClass), types);
            }
        }
        collect(ResolvableType.forMethodReturnType(method, beanClass), types);
        return new ArrayList<>(types);
    }

    /**
     * Adds the classes a value of {@code type} is made of: the type itself unless it is a JDK or Jackson type or a
     * wrapper the starter looks through, and its component and type arguments.
     */
    private static void collect(ResolvableType type, Set<Class<?>> types) {
        collect(type, types, 0);
    }

    private static void collect(ResolvableType type, Set<Class<?>> types, int depth) {
        // a bound such as E extends Enum<E> would lead back to itself
        if (depth > MAX_TYPE_DEPTH) {
            return;
        }
        if (type.isArray()) {
            collect(type.getComponentType(), types, depth + 1);
            return;
        }
        Class<?> raw = type.resolve();
        if (raw == null || raw.isPrimitive() || raw == Void.class) {
            return;
        }
        String name = raw.getName();
        if (!isWrapper(raw) && !name.startsWith("java.") && !name.startsWith("javax.")
                && !name.startsWith("tools.jackson.")) {
            types.add(raw);
        }
        for (ResolvableType generic : type.getGenerics()) {
            collect(generic, types, depth + 1);
        }
    }

    private static boolean isWrapper(Class<?> type) {
        return type == Optional.class || CompletionStage.class.isAssignableFrom(type)
                || isAssignableTo(type, MONO);
    }

    private static boolean isAssignableTo(Class<?> type, String name) {
        for (Class<?> current = type; current != null; current = current.getSuperclass()) {
            if (current.getName().equals(name)) {
                return true;
            }
        }
        return false;
    }
}
