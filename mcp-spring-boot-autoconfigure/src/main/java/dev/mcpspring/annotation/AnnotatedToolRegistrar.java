package dev.mcpspring.annotation;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import dev.mcpspring.server.ToolRegistry;
import dev.mcpspring.server.ToolSpecification;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.aop.SpringProxy;
import org.springframework.aop.framework.autoproxy.AutoProxyUtils;
import org.springframework.aop.scope.ScopedObject;
import org.springframework.aop.scope.ScopedProxyUtils;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.BeansException;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.core.annotation.AnnotationUtils;
import org.springframework.util.Assert;
import org.springframework.util.ClassUtils;
import tools.jackson.databind.ObjectMapper;

/**
 * Finds the {@link McpTool} methods of every bean once all singletons exist, and adds a tool for each to the
 * {@link ToolRegistry}.
 * <p>
 * The bean classes are determined without creating lazy or prototype beans: the target class that Spring's
 * auto-proxying recorded, else the bean's type without CGLIB subclassing; for a JDK proxy its interfaces are
 * searched. Annotations declared on interface methods are found. A tool method is called through the bean as the
 * container exposes it, so proxy advice such as {@code @Transactional} or {@code @Validated} applies; a singleton
 * is looked up once, a bean of any other scope on every call.
 * <p>
 * A method that cannot be registered fails startup with an {@link IllegalStateException} naming the bean, the
 * method and the reason, for example:
 * {@code Cannot register @McpTool method WeatherTools.forecast(String) of bean 'weatherTools': ...}. All such
 * problems are reported together. Nothing is skipped silently. In particular a {@code private} or {@code final}
 * tool method of a bean behind a Spring AOP proxy is an error: the proxy could not apply its advice to it (and a
 * {@code final} method would run on the uninitialised proxy instance). Non-public methods of beans without a
 * proxy are made accessible and called.
 * <p>
 * Arguments are validated with the context's unique {@code jakarta.validation.Validator} bean, else the default
 * Bean Validation provider, when {@code jakarta.validation} is on the class path.
 */
public class AnnotatedToolRegistrar implements SmartInitializingSingleton, BeanFactoryAware {

    private static final Log logger = LogFactory.getLog(AnnotatedToolRegistrar.class);

    private static final boolean BEAN_VALIDATION_PRESENT = ClassUtils.isPresent("jakarta.validation.Validator",
            AnnotatedToolRegistrar.class.getClassLoader());

    private final ToolRegistry registry;

    private final ObjectMapper mapper;

    private ConfigurableListableBeanFactory beanFactory;

    /**
     * A registrar adding to {@code registry}.
     *
     * @param registry the server's tool registry
     * @param mapper   the protocol's JSON mapper (see {@link dev.mcpspring.protocol.McpJsonMapper}), used to bind
     *                 arguments, write results and generate schemas
     */
    public AnnotatedToolRegistrar(ToolRegistry registry, ObjectMapper mapper) {
        Assert.notNull(registry, "registry must not be null");
        Assert.notNull(mapper, "mapper must not be null");
        this.registry = registry;
        this.mapper = mapper;
    }

    @Override
    public void setBeanFactory(BeanFactory beanFactory) throws BeansException {
        Assert.isInstanceOf(ConfigurableListableBeanFactory.class, beanFactory,
                "AnnotatedToolRegistrar needs a ConfigurableListableBeanFactory");
        this.beanFactory = (ConfigurableListableBeanFactory) beanFactory;
    }

    @Override
    public void afterSingletonsInstantiated() {
        Assert.state(beanFactory != null, "No BeanFactory set");
        AnnotatedToolFactory factory = new AnnotatedToolFactory(mapper,
                BEAN_VALIDATION_PRESENT ? JakartaArgumentValidation.fromBeanFactory(beanFactory) : null);
        List<String> problems = new ArrayList<>();
        int registered = 0;
        for (String beanName : beanFactory.getBeanNamesForType(Object.class)) {
            if (ScopedProxyUtils.isScopedTarget(beanName)) {
                continue;
            }
            Class<?> targetClass = targetClass(beanName);
            if (targetClass == null || !AnnotationUtils.isCandidateClass(targetClass, McpTool.class)) {
                continue;
            }
            List<Method> methods;
            try {
                methods = AnnotatedToolFactory.findToolMethods(targetClass);
            }
            catch (RuntimeException | LinkageError ex) {
                // a type in a method signature cannot be loaded (an optional dependency): no method can be called
                if (logger.isDebugEnabled()) {
                    logger.debug("Cannot introspect the methods of bean '" + beanName + "' for @McpTool", ex);
                }
                continue;
            }
            for (Method method : methods) {
                String source = AnnotatedToolFactory.describe(method, targetClass) + " of bean '" + beanName + "'";
                try {
                    registry.add(createTool(factory, beanName, targetClass, method, source));
                    registered++;
                }
                catch (IllegalArgumentException | IllegalStateException ex) {
                    problems.add("Cannot register @McpTool method " + source + ": " + ex.getMessage());
                }
            }
        }
        if (problems.size() == 1) {
            throw new IllegalStateException(problems.get(0));
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException(problems.size() + " @McpTool methods cannot be registered:\n - "
                    + String.join("\n - ", problems));
        }
        if (logger.isDebugEnabled()) {
            logger.debug("Registered " + registered + " @McpTool method(s)");
        }
    }

    /** The class whose methods to search, or {@code null} when the bean's type cannot be determined. */
    private Class<?> targetClass(String beanName) {
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
            // an unresolvable type, probably of a lazy bean whose class cannot be loaded: it has no tools we can see
            if (logger.isDebugEnabled()) {
                logger.debug("Cannot determine the type of bean '" + beanName + "': not searched for @McpTool", ex);
            }
            return null;
        }
        return type == null ? null : ClassUtils.getUserClass(type);
    }

    private ToolSpecification createTool(AnnotatedToolFactory factory, String beanName, Class<?> targetClass,
            Method method, String source) {
        Class<?> exposedType = beanFactory.getType(beanName);
        Method invocable = AopUtils.selectInvocableMethod(method, exposedType != null ? exposedType : targetClass);
        if (exposedType != null && SpringProxy.class.isAssignableFrom(exposedType)
                && Modifier.isFinal(invocable.getModifiers()) && !Modifier.isStatic(invocable.getModifiers())) {
            throw new IllegalStateException("it is final, so the proxy of the bean cannot intercept it: the call"
                    + " would skip the proxy's advice (such as @Transactional) and run on the uninitialised proxy"
                    + " instance. Remove 'final'");
        }
        return factory.createTool(method, invocable, targetClass, beanSupplier(beanName), source);
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
