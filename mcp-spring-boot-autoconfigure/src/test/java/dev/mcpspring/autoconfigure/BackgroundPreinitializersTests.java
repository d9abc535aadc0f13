package dev.mcpspring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.preinitialize.BackgroundPreinitializer;
import org.springframework.core.io.support.SpringFactoriesLoader;

/**
 * The starter's background pre-initialisers are registered where Spring Boot looks for them, and each runs
 * through: one that failed would only log at debug level on Boot's thread and warm nothing up.
 */
class BackgroundPreinitializersTests {

    private final List<BackgroundPreinitializer> starters = SpringFactoriesLoader.forDefaultResourceLocation()
        .load(BackgroundPreinitializer.class)
        .stream()
        .filter(preinitializer -> preinitializer.getClass().getName().startsWith("dev.mcpspring."))
        .toList();

    @Test
    void theSchemaGeneratorAndTheJsonRpcCodecAreWarmedUp() {
        assertThat(starters).extracting(preinitializer -> preinitializer.getClass().getSimpleName())
            .containsExactlyInAnyOrder("SchemaGeneratorPreinitializer", "JsonRpcCodecPreinitializer");
    }

    @Test
    void eachRunsThrough() {
        assertThat(starters).isNotEmpty()
            .allSatisfy(preinitializer -> assertThatNoException().isThrownBy(preinitializer::preinitialize));
    }
}
