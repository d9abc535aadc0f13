package dev.mcpspring.annotation.internal;

import java.lang.reflect.Method;

import org.jspecify.annotations.Nullable;

/**
 * Validation of a tool method's arguments, kept behind this interface so that nothing outside its Bean Validation
 * implementation ({@link JakartaArgumentValidation}) refers to {@code jakarta.validation}, which is optional.
 */
interface ArgumentValidation {

    /**
     * A validator for one method's arguments.
     *
     * @param method        the method as declared (on the bean's class or an interface)
     * @param argumentNames the JSON name of each parameter, {@code null} for injected parameters
     * @return a validator, or {@code null} when the method declares no constraints on its parameters
     */
    @Nullable MethodValidator forMethod(Method method, String[] argumentNames);

    /**
     * The text for an exception that reports invalid arguments of {@code method} (for example a
     * {@code ConstraintViolationException} from a {@code @Validated} proxy), or {@code null} when {@code failure}
     * is something else.
     */
    @Nullable String describeInvalidArguments(Throwable failure, Method method, String[] argumentNames);

    /** Validates the arguments of one method. */
    interface MethodValidator {

        /**
         * Validates bound arguments before the method is called.
         *
         * @param bean the bean the method is called on (a proxy is unwrapped to its target)
         * @param args the arguments, injected ones included
         * @return what is wrong, or {@code null} when the arguments are valid or the bean's proxy validates them
         */
        @Nullable String validate(Object bean, @Nullable Object[] args);
    }
}
