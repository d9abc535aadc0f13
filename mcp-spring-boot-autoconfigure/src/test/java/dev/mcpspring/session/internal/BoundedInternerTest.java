package dev.mcpspring.session.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

/** {@link BoundedInterner}: equal values share one instance, and no input grows the table past its bound. */
class BoundedInternerTest {

    @Test
    void equalValuesGetTheFirstInstance() {
        BoundedInterner<String> interner = new BoundedInterner<>(10);
        String first = new String("bench-client");
        String second = new String("bench-client");

        assertThat(interner.intern(first)).isSameAs(first);
        assertThat(interner.intern(second)).isSameAs(first);
        assertThat(interner.intern(new String("other"))).isEqualTo("other");
        assertThat(interner.size()).isEqualTo(2);
    }

    @Test
    void nullStaysNull() {
        BoundedInterner<String> interner = new BoundedInterner<>(10);

        assertThat(interner.intern(null)).isNull();
        assertThat(interner.size()).isZero();
    }

    @Test
    void distinctValuesWithoutEndNeverGrowTheTablePastItsBound() {
        BoundedInterner<String> interner = new BoundedInterner<>(16);

        for (int i = 0; i < 10_000; i++) {
            String value = "client-" + i;
            assertThat(interner.intern(value)).isSameAs(value);
            assertThat(interner.size()).isLessThanOrEqualTo(16);
        }
    }

    @Test
    void aFullTableStartsOverSoThatNewValuesAreSharedAgain() {
        BoundedInterner<String> interner = new BoundedInterner<>(4);
        for (int i = 0; i < 4; i++) {
            interner.intern("junk-" + i);
        }
        String wanted = new String("real-client");

        assertThat(interner.intern(wanted)).isSameAs(wanted);
        assertThat(interner.intern(new String("real-client"))).isSameAs(wanted);
        assertThat(interner.size()).isEqualTo(1);
    }

    @Test
    void concurrentCallersShareOneInstanceAndKeepTheBoundWithinTheirNumber() {
        BoundedInterner<String> interner = new BoundedInterner<>(8);
        int threads = 4;
        List<CompletableFuture<List<String>>> runs = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            runs.add(CompletableFuture.supplyAsync(() -> {
                List<String> shared = new ArrayList<>();
                for (int i = 0; i < 5_000; i++) {
                    interner.intern("junk-" + thread + "-" + i);
                    shared.add(interner.intern(new String("stable")));
                }
                return shared;
            }));
        }
        List<String> all = runs.stream().flatMap(run -> run.join().stream()).toList();

        assertThat(interner.size()).isLessThanOrEqualTo(8 + threads);
        assertThat(all).allMatch("stable"::equals);
        String now = interner.intern(new String("stable"));
        assertThat(interner.intern(new String("stable"))).isSameAs(now);
    }

    @Test
    void theBoundMustBePositive() {
        assertThatThrownBy(() -> new BoundedInterner<String>(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
