package dev.mcpspring.session.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;

/** {@link PendingRequestKey}: JSON-RPC ids compared by JSON value. */
class PendingRequestKeyTest {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    @Test
    void numbersOfDifferentJavaTypesAreTheSameKey() {
        PendingRequestKey key = PendingRequestKey.of(NODES.numberNode(7));

        assertThat(PendingRequestKey.of(NODES.numberNode(7L))).isEqualTo(key);
        assertThat(PendingRequestKey.of(NODES.numberNode(BigInteger.valueOf(7)))).isEqualTo(key);
        assertThat(PendingRequestKey.of(NODES.numberNode((short) 7))).isEqualTo(key);
        assertThat(PendingRequestKey.of(NODES.numberNode(7)).hashCode()).isEqualTo(
                PendingRequestKey.of(NODES.numberNode(7L)).hashCode());
    }

    @Test
    void aStringIsNeverTheSameKeyAsANumber() {
        assertThat(PendingRequestKey.of(NODES.stringNode("7"))).isNotEqualTo(PendingRequestKey.of(NODES.numberNode(7)));
        assertThat(PendingRequestKey.of(NODES.stringNode("7"))).isEqualTo(PendingRequestKey.of(NODES.stringNode("7")));
    }

    @Test
    void parsedIdsMatchWhateverNodeTypeTheParserPicked() {
        JsonMapper mapper = JsonMapper.builder().build();

        assertThat(PendingRequestKey.of(mapper.readTree("7"))).isEqualTo(PendingRequestKey.of(NODES.numberNode(7L)));
        assertThat(PendingRequestKey.of(mapper.readTree("9223372036854775807")))
            .isEqualTo(PendingRequestKey.of(NODES.numberNode(Long.MAX_VALUE)));
        assertThat(PendingRequestKey.of(mapper.readTree("123456789012345678901234567890")))
            .isEqualTo(PendingRequestKey.of(NODES.numberNode(new BigInteger("123456789012345678901234567890"))));
        assertThat(PendingRequestKey.of(mapper.readTree("123456789012345678901234567890")))
            .isNotEqualTo(PendingRequestKey.of(NODES.numberNode(new BigInteger("123456789012345678901234567891"))));
    }

    @Test
    void differentValuesAreDifferentKeys() {
        assertThat(PendingRequestKey.of(NODES.numberNode(7))).isNotEqualTo(PendingRequestKey.of(NODES.numberNode(8)));
        assertThat(PendingRequestKey.of(NODES.numberNode(-7))).isNotEqualTo(PendingRequestKey.of(NODES.numberNode(7)));
        assertThat(PendingRequestKey.of(NODES.stringNode("a"))).isNotEqualTo(PendingRequestKey.of(NODES.stringNode("A")));
    }
}
