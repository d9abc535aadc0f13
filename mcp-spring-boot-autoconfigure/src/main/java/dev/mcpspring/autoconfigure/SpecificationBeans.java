package dev.mcpspring.autoconfigure;

import java.util.IdentityHashMap;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;

import org.springframework.beans.factory.BeanFactoryUtils;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;

/**
 * Feeds the specification beans of one kind into their registry, each with the name of the bean that declared it
 * in its source, so that a duplicate is reported as {@code "declared by bean 'a' (echo) and by bean 'b' (echo)"}
 * rather than by two identical default sources.
 */
final class SpecificationBeans {

    private SpecificationBeans() {
    }

    /**
     * Adds every specification bean, in bean order, to {@code registry}.
     *
     * @param specifications the beans, in order
     * @param beanFactory    where to look up their names
     * @param type           their type
     * @param source         a specification's source
     * @param withSource     a copy of a specification with another source
     * @param registry       what adds a specification to the registry
     */
    static <T> void register(ObjectProvider<T> specifications, ListableBeanFactory beanFactory, Class<T> type,
            Function<T, String> source, BiFunction<T, String, T> withSource, Consumer<T> registry) {
        Map<Object, String> names = new IdentityHashMap<>();
        BeanFactoryUtils.beansOfTypeIncludingAncestors(beanFactory, type)
            .forEach((name, bean) -> names.putIfAbsent(bean, name));
        specifications.orderedStream().forEach(specification -> {
            String name = names.get(specification);
            registry.accept(name == null ? specification
                    : withSource.apply(specification, "bean '" + name + "' (" + source.apply(specification) + ")"));
        });
    }
}
