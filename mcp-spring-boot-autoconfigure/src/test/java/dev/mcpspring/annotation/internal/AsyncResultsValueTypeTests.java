package dev.mcpspring.annotation.internal;

import java.lang.reflect.Type;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import org.junit.jupiter.api.Test;

import org.springframework.core.ResolvableType;

import static org.assertj.core.api.Assertions.assertThat;

/** The type an asynchronous method's value has, which its schema and result mapping are made from. */
class AsyncResultsValueTypeTests {

    record Forecast(String city) {
    }

    static CompletableFuture<Forecast> future() {
        return CompletableFuture.completedFuture(new Forecast("Paris"));
    }

    static CompletionStage<List<Forecast>> stage() {
        return CompletableFuture.completedFuture(List.of());
    }

    static Forecast plain() {
        return new Forecast("Oslo");
    }

    private static Type valueOf(String method) throws NoSuchMethodException {
        return AsyncResults.valueType(AsyncResultsValueTypeTests.class.getDeclaredMethod(method).getGenericReturnType());
    }

    @Test
    void aCompletableFutureOfARecordIsThatRecord() throws Exception {
        assertThat(valueOf("future")).isEqualTo(Forecast.class);
    }

    @Test
    void aCompletionStageOfAListKeepsTheListsElementType() throws Exception {
        ResolvableType value = ResolvableType.forType(valueOf("stage"));

        assertThat(value.resolve()).isEqualTo(List.class);
        assertThat(value.getGeneric(0).resolve()).isEqualTo(Forecast.class);
    }

    @Test
    void aPlainTypeIsItself() throws Exception {
        assertThat(valueOf("plain")).isEqualTo(Forecast.class);
    }
}
