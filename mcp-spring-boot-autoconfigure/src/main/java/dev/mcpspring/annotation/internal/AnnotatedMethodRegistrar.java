package dev.mcpspring.annotation.internal;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import dev.mcpspring.annotation.McpComplete;
import dev.mcpspring.annotation.McpPrompt;
import dev.mcpspring.annotation.McpResource;
import dev.mcpspring.annotation.McpTool;
import dev.mcpspring.server.internal.ServerRegistries;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.aop.framework.autoproxy.AutoProxyUtils;
import org.springframework.aop.scope.ScopedObject;
import org.springframework.aop.scope.ScopedProxyUtils;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.BeansException;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.annotation.AnnotationUtils;
import org.springframework.stereotype.Component;
import org.springframework.util.Assert;
import org.springframework.util.ClassUtils;
import tools.jackson.databind.ObjectMapper;

/**
 * Finds the {@link McpTool}, {@link McpResource}, {@link McpPrompt} and {@link McpComplete} methods of every bean
 * once all singletons exist, in one pass over the beans, and adds what each declares to the server's registries.
 * Completions are registered last, after checking that the prompt argument or template variable they complete
 * exists (declared by an annotated method or by a specification bean).
 * <p>
 * The bean classes are determined without creating lazy or prototype beans: the target class that Spring's
 * auto-proxying recorded, else the bean's type without CGLIB subclassing; for a JDK proxy its interfaces are
 * searched. Annotations declared on interface methods are found. Spring's own infrastructure beans (classes of
 * {@code org.springframework} that are not components) are not searched, as Spring's {@code @EventListener}
 * processor does not search them. An annotated method is called through the bean as the container exposes it, so
 * proxy advice such as {@code @Transactional} or {@code @Validated} applies; a singleton is looked up once, a bean
 * of any other scope on every call.
 * <p>
 * A method that cannot be registered fails startup with an {@link IllegalStateException} naming the annotation,
 * the bean, the method and the reason, for example:
 * {@code Cannot register @McpTool method WeatherTools.forecast(String) of bean 'weatherTools': ...}. All such
 * problems are reported together. Nothing is skipped silently. In particular a {@code private} or {@code final}
 * annotated method of a bean behind a Spring AOP proxy is an error: the proxy could not apply its advice to it
 * (and a {@code final} method would run on the uninitialised proxy instance). Non-public methods of beans without
 * a proxy are made accessible and called.
 * <p>
 * Tool arguments are validated with the context's unique {@code jakarta.validation.Validator} bean, else the
 * default Bean Validation provider, when {@code jakarta.validation} is on the class path.
 * <p>
 * Outside an application context, {@link #register(Object...)} registers the annotated methods of plain objects.
 */
public class AnnotatedMethodRegistrar implements SmartInitializingSingleton, BeanFactoryAware {

    private static final Log logger = LogFactory.getLog(AnnotatedMethodRegistrar.class);

    private static final boolean BEAN_VALIDATION_PRESENT = ClassUtils.isPresent("jakarta.validation.Validator",
            AnnotatedMethodRegistrar.class.getClassLoader());

    private final ServerRegistries registries;

    private final ObjectMapper mapper;

    private ConfigurableListableBeanFactory beanFactory;

    /**
     * A registrar adding to {@code registries}.
     *
     * @param registries the server's registries
     * @param mapper     the protocol's JSON mapper (see {@link dev.mcpspring.protocol.McpJsonMapper}), used to bind
     *                   arguments, write results and generate schemas
     */
    public AnnotatedMethodRegistrar(ServerRegistries registries, ObjectMapper mapper) {
        Assert.notNull(registries, "registries must not be null");
        Assert.notNull(mapper, "mapper must not be null");
        this.registries = registries;
        this.mapper = mapper;
    }

    @Override
    public void setBeanFactory(BeanFactory beanFactory) throws BeansException {
        Assert.isInstanceOf(ConfigurableListableBeanFactory.class, beanFactory,
                "AnnotatedMethodRegistrar needs a ConfigurableListableBeanFactory");
        this.beanFactory = (ConfigurableListableBeanFactory) beanFactory;
    }

    @Override
    public void afterSingletonsInstantiated() {
        Assert.state(beanFactory != null, "No BeanFactory set");
        AnnotatedToolFactory tools = new AnnotatedToolFactory(mapper,
                BEAN_VALIDATION_PRESENT ? JakartaArgumentValidation.fromBeanFactory(beanFactory) : null);
        AnnotatedMethodRegistration registration = new AnnotatedMethodRegistration(registries, mapper, tools);
        for (String beanName : beanFactory.getBeanNamesForType(Object.class)) {
            if (ScopedProxyUtils.isScopedTarget(beanName)) {
                continue;
            }
            Class<?> targetClass = targetClass(beanName);
            if (targetClass == null || isSpringContainerClass(targetClass)
                    || !AnnotationUtils.isCandidateClass(targetClass, AnnotatedMethods.ANNOTATION_TYPES)) {
                continue;
            }
            Map<Method, List<Class<? extends Annotation>>> methods;
            try {
                methods = AnnotatedMethods.findAny(targetClass, AnnotatedMethods.ANNOTATION_TYPES);
            }
            catch (RuntimeException | LinkageError ex) {
                // a type in a method signature cannot be loaded (an optional dependency): no method can be called
                if (logger.isDebugEnabled()) {
                    logger.debug("Cannot introspect the methods of bean '" + beanName + "' for MCP annotations", ex);
                }
                continue;
            }
            if (methods.isEmpty()) {
                continue;
            }
            Class<?> exposedType = beanFactory.getType(beanName);
            Supplier<Object> bean = beanSupplier(beanName);
            methods.forEach((method, annotationTypes) -> registration.register(method, annotationTypes, targetClass,
                    exposedType, bean,
                    AnnotatedMethods.describe(method, targetClass) + " of bean '" + beanName + "'"));
        }
        int registered = registration.finish();
        if (logger.isDebugEnabled()) {
            logger.debug("Registered " + registered + " annotated MCP method(s)");
        }
    }

    /**
     * Registers the annotated methods of objects that are not beans, for example in a test or without Spring's
     * container. The methods are called on the objects themselves, so a proxy's advice applies.
     *
     * @throws IllegalStateException naming every method that cannot be registered and why
     */
    public void register(Object... objects) {
        AnnotatedMethodRegistration registration = new AnnotatedMethodRegistration(registries, mapper,
                new AnnotatedToolFactory(mapper));
        for (Object object : objects) {
            Class<?> targetClass = AopUtils.getTargetClass(object);
            AnnotatedMethods.findAny(targetClass, AnnotatedMethods.ANNOTATION_TYPES)
                .forEach((method, annotationTypes) -> registration.register(method, annotationTypes, targetClass,
                        object.getClass(), () -> object, AnnotatedMethods.describe(method, targetClass)));
        }
        registration.finish();
    }

    /**
     * Whether a bean is one of Spring's own (its infrastructure and auto-configurations), which declares no MCP
     * methods: searching their methods would load every type in their signatures at start-up for nothing. The
     * same test as Spring's {@code @EventListener} processor; a component of Spring's packages is still searched.
     */
    static boolean isSpringContainerClass(Class<?> type) {
        return type.getName().startsWith("org.springframework.")
                && !AnnotatedElementUtils.isAnnotated(type, Component.class);
    }

    /** The class whose methods to search, or {@code null} when the bean's type cannot be determined. */
    private @Nullable Class<?> targetClass(String beanName) {
        Class<?> type;
        try {
            type = AutoProxyUtils.determineTargetClass(beanFactory, beanName);
            if (type != null && ScopedObject.class.isAssignableFrom(type)) {
                Class<?> scopedTarget = AutoProxyUtils.determineTargetClass(beanFactory,
                        ScopedProxyUtils.getTargetBeanName(beanName));
                if (scopedTarget != null) {
                    type = scopedTarget;
                }
            }
        }
        catch (RuntimeException ex) {
            // an unresolvable type, probably of a lazy bean whose class cannot be loaded: it has nothing we can see
            if (logger.isDebugEnabled()) {
                logger.debug("Cannot determine the type of bean '" + beanName + "': not searched for MCP annotations",
                        ex);
            }
            return null;
        }
        return type == null ? null : ClassUtils.getUserClass(type);
    }

    private Supplier<Object> beanSupplier(String beanName) {
        if (!beanFactory.isSingleton(beanName)) {
            return () -> beanFactory.getBean(beanName);
        }
        return new Supplier<>() {

            private volatile Object bean;

            @Override
            public Object get() {
                Object result = bean;
                if (result == null) {
                    result = beanFactory.getBean(beanName);
                    bean = result;
                }
                return result;
            }
        };
    }
}
