package dev.mcpspring.annotation.internal;

import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.executable.ExecutableValidator;
import jakarta.validation.metadata.MethodDescriptor;
import org.aopalliance.aop.Advice;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.aop.Advisor;
import org.springframework.aop.framework.Advised;
import org.springframework.aop.framework.AopProxyUtils;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.validation.beanvalidation.MethodValidationInterceptor;

/**
 * {@link ArgumentValidation} with Bean Validation. Loaded only when {@code jakarta.validation} is on the class path.
 * <p>
 * A method is validated only when it declares constraints (or {@code @Valid}) on its parameters, or takes records or
 * beans with constraints inside, which are checked at every level as if marked {@code @Valid} (the input schema
 * publishes them all; see {@link NestedConstraints}). The parameters of a bean whose Spring proxy already validates
 * its methods ({@code @Validated} with a {@code MethodValidationPostProcessor}) are not validated twice: the proxy's
 * {@link ConstraintViolationException} is turned into the same text instead.
 */
final class JakartaArgumentValidation implements ArgumentValidation {

    private static final Log logger = LogFactory.getLog(JakartaArgumentValidation.class);

    private final Validator validator;

    private final NestedConstraints nested;

    JakartaArgumentValidation(Validator validator) {
        this.validator = validator;
        this.nested = new NestedConstraints(validator);
    }

    /**
     * The validation to use in an application context: its unique {@link Validator} bean, else the default
     * provider's, else none ({@code null}).
     */
    static ArgumentValidation fromBeanFactory(BeanFactory beanFactory) {
        Validator validator = beanFactory == null ? null
                : beanFactory.getBeanProvider(Validator.class).getIfUnique();
        return validator != null ? new JakartaArgumentValidation(validator) : withDefaultProvider();
    }

    /** Validation with the default Bean Validation provider, or {@code null} when there is none. */
    static @Nullable ArgumentValidation withDefaultProvider() {
        try {
            return new JakartaArgumentValidation(Validation.buildDefaultValidatorFactory().getValidator());
        }
        catch (RuntimeException | LinkageError ex) {
            logger.debug("No Bean Validation provider: the arguments of @McpTool methods are not validated", ex);
            return null;
        }
    }

    @Override
    public @Nullable MethodValidator forMethod(Method method, String[] argumentNames) {
        MethodDescriptor descriptor = validator.getConstraintsForClass(method.getDeclaringClass())
            .getConstraintsForMethod(method.getName(), method.getParameterTypes());
        // a Kotlin suspend function has one JVM parameter more than arguments, its continuation: only the
        // constraints of its arguments' own types are checked
        boolean declared = descriptor != null && descriptor.hasConstrainedParameters()
                && method.getParameterCount() == argumentNames.length;
        Type[] types = method.getGenericParameterTypes();
        List<Integer> deep = new ArrayList<>(); // arguments holding records or beans with constraints
        for (int i = 0; i < argumentNames.length; i++) {
            if (argumentNames[i] != null && nested.reachesConstraints(types[i])) {
                deep.add(i);
            }
        }
        if (!declared && deep.isEmpty()) {
            return null;
        }
        ExecutableValidator executableValidator = validator.forExecutables();
        return (bean, args) -> {
            Set<String> problems = new TreeSet<>();
            if (declared && !validatedByProxy(bean)) {
                problems.addAll(lines(executableValidator.validateParameters(target(bean), method, args),
                        argumentNames));
            }
            for (int i : deep) { // what a cascade through @Valid found already is the same line, kept once
                nested.validate(args[i], argumentNames[i], problems);
            }
            return problems.isEmpty() ? null : String.join("; ", problems);
        };
    }

    @Override
    public @Nullable String describeInvalidArguments(Throwable failure, Method method, String[] argumentNames) {
        if (!(failure instanceof ConstraintViolationException cve) || cve.getConstraintViolations() == null
                || cve.getConstraintViolations().isEmpty()) {
            return null;
        }
        for (ConstraintViolation<?> violation : cve.getConstraintViolations()) {
            if (violation.getExecutableParameters() == null || !isOf(violation.getPropertyPath(), method)) {
                return null;
            }
        }
        return describe(cve.getConstraintViolations(), argumentNames);
    }

    private static boolean isOf(Path path, Method method) {
        for (Path.Node node : path) {
            if (node.getKind() == ElementKind.METHOD) {
                return node.getName().equals(method.getName())
                        && node.as(Path.MethodNode.class).getParameterTypes().size() == method.getParameterCount();
            }
        }
        return false;
    }

    private static boolean validatedByProxy(Object bean) {
        if (bean instanceof Advised advised) {
            for (Advisor advisor : advised.getAdvisors()) {
                Advice advice = advisor.getAdvice();
                if (advice instanceof MethodValidationInterceptor) {
                    return true;
                }
            }
        }
        return false;
    }

    private static Object target(Object bean) {
        Object current = bean;
        while (current instanceof Advised) {
            Object next = AopProxyUtils.getSingletonTarget(current);
            if (next == null) {
                break;
            }
            current = next;
        }
        return current;
    }

    /** {@code "count: must be greater than or equal to 1; city: must not be blank"}, sorted. */
    static String describe(Collection<? extends ConstraintViolation<?>> violations, String[] argumentNames) {
        return String.join("; ", lines(violations, argumentNames));
    }

    private static Set<String> lines(Collection<? extends ConstraintViolation<?>> violations,
            String[] argumentNames) {
        Set<String> lines = new TreeSet<>();
        for (ConstraintViolation<?> violation : violations) {
            String path = path(violation.getPropertyPath(), argumentNames);
            lines.add(path.isEmpty() ? violation.getMessage() : path + ": " + violation.getMessage());
        }
        return lines;
    }

    /** A violation's path as the client names it: parameters by their argument names, indexes in brackets. */
    static String path(Path path, String[] argumentNames) {
        StringBuilder text = new StringBuilder();
        for (Path.Node node : path) {
            ElementKind kind = node.getKind();
            if (kind == ElementKind.METHOD || kind == ElementKind.CONSTRUCTOR || kind == ElementKind.RETURN_VALUE
                    || kind == ElementKind.CROSS_PARAMETER) {
                continue;
            }
            if (node.isInIterable()) {
                Object key = node.getIndex() != null ? node.getIndex() : node.getKey();
                text.append('[').append(key == null ? "" : key).append(']');
            }
            if (kind == ElementKind.CONTAINER_ELEMENT || kind == ElementKind.BEAN) {
                continue;
            }
            String name = node.getName();
            if (kind == ElementKind.PARAMETER) {
                int index = node.as(Path.ParameterNode.class).getParameterIndex();
                if (index >= 0 && index < argumentNames.length && argumentNames[index] != null) {
                    name = argumentNames[index];
                }
            }
            if (name != null) {
                if (text.length() > 0) {
                    text.append('.');
                }
                text.append(name);
            }
        }
        return text.toString();
    }
}
