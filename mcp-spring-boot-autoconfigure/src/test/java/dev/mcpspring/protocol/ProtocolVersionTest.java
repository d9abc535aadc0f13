package dev.mcpspring.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@link ProtocolVersion}: negotiation answers with the shared constants, not the client's copies. */
class ProtocolVersionTest {

    @Test
    void aSupportedVersionIsAnsweredWithItsConstant() {
        for (String version : ProtocolVersion.SUPPORTED) {
            String parsed = new String(version);
            assertThat(ProtocolVersion.negotiate(parsed)).isSameAs(version);
            assertThat(ProtocolVersion.canonical(parsed)).isSameAs(version);
        }
    }

    @Test
    void anUnsupportedVersionGetsTheLatestAndIsNotCanonicalised() {
        assertThat(ProtocolVersion.negotiate("2024-11-05")).isSameAs(ProtocolVersion.LATEST);
        assertThat(ProtocolVersion.negotiate(null)).isSameAs(ProtocolVersion.LATEST);
        String unknown = new String("2099-01-01");
        assertThat(ProtocolVersion.canonical(unknown)).isSameAs(unknown);
        assertThat(ProtocolVersion.canonical(null)).isNull();
    }
}
