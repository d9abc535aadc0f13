package dev.mcpspring.aot.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;

/** What binding a record with Jackson, and describing it with the schema generator, needs in a native image. */
final class BindingAssertions {

    private BindingAssertions() {
    }

    /**
     * The record's type is registered (its members can be introspected), its canonical constructor can be invoked
     * and so can the accessor of each component.
     */
    static void assertBindable(RuntimeHints hints, Class<?> record) {
        assertThat(record.isRecord()).as("%s is a record", record).isTrue();
        assertThat(RuntimeHintsPredicates.reflection().onType(record)).as("type hint of %s", record).accepts(hints);
        assertThat(RuntimeHintsPredicates.reflection().onConstructorInvocation(canonicalConstructor(record)))
            .as("invocation hint of the canonical constructor of %s", record)
            .accepts(hints);
        for (RecordComponent component : record.getRecordComponents()) {
            assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(component.getAccessor()))
                .as("invocation hint of the accessor %s() of %s", component.getName(), record)
                .accepts(hints);
        }
    }

    private static Constructor<?> canonicalConstructor(Class<?> record) {
        try {
            return record.getDeclaredConstructor(Arrays.stream(record.getRecordComponents())
                .map(RecordComponent::getType)
                .toArray(Class<?>[]::new));
        }
        catch (NoSuchMethodException ex) {
            throw new AssertionError(record + " has no canonical constructor", ex);
        }
    }
}
