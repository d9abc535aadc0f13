package dev.mcpspring.server.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.mcpspring.protocol.ErrorCodes;
import dev.mcpspring.protocol.McpException;

import tools.jackson.databind.json.JsonMapper;

class RequestMetaTest {

    static final JsonMapper JSON = JsonMapper.builder().build();

    RequestMeta meta(String params) {
        return RequestMeta.of(params == null ? null : JSON.readTree(params), JSON);
    }

    @Test
    void readsTheProgressTokenAsTheMapHoldsIt() {
        assertThat(meta("{\"_meta\":{\"progressToken\":\"p-1\"}}").progressToken()).isEqualTo("p-1");
        assertThat(meta("{\"_meta\":{\"progressToken\":42}}").progressToken()).isEqualTo(42);
        RequestMeta big = meta("{\"_meta\":{\"progressToken\":12345678901234567890}}");
        assertThat(big.progressToken()).isEqualTo(big.asMap().get("progressToken"))
            .isEqualTo(new java.math.BigInteger("12345678901234567890"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "{\"a\":1}", "true", "[1]" })
    void aProgressTokenThatIsNeitherAStringNorANumberIsInvalidParams(String token) {
        assertThatExceptionOfType(McpException.class)
            .isThrownBy(() -> meta("{\"_meta\":{\"progressToken\":" + token + "}}").progressToken())
            .withMessageContaining("_meta.progressToken must be a string or a number")
            .satisfies(ex -> assertThat(ex.toError().code()).isEqualTo(ErrorCodes.INVALID_PARAMS));
        assertThat(meta("{\"_meta\":{\"progressToken\":null}}").progressToken()).isNull();
    }

    @Test
    void convertsTheWholeMetaToAMap() {
        Map<String, Object> map = meta("{\"_meta\":{\"progressToken\":7,\"trace\":{\"id\":\"t\",\"hops\":[1,2]}},"
                + "\"name\":\"x\"}").asMap();
        assertThat(map).containsOnlyKeys("progressToken", "trace");
        assertThat(map.get("trace")).isEqualTo(Map.of("id", "t", "hops", List.of(1, 2)));
    }

    @Test
    void noMetaOrOneThatIsNoObjectIsEmpty() {
        for (String params : new String[] { null, "{}", "{\"_meta\":null}", "{\"_meta\":[1]}", "{\"_meta\":\"x\"}" }) {
            RequestMeta meta = meta(params);
            assertThat(meta.progressToken()).as(params).isNull();
            assertThat(meta.asMap()).as(params).isEmpty();
        }
    }
}
