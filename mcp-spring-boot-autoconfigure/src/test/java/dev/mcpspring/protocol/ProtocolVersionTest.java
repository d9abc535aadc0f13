package dev.mcpspring.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.mcpspring.protocol.internal.ProtocolVersions;

/**
 * {@link ProtocolVersion} and {@link ProtocolVersions}: negotiation answers with the shared constants, not the
 * client's copies, and only ever with an enabled legacy revision.
 */
class ProtocolVersionTest {

    @Test
    void aSupportedLegacyVersionIsAnsweredWithItsConstant() {
        ProtocolVersions all = ProtocolVersions.all();
        for (String version : List.of("2025-03-26", "2025-06-18", "2025-11-25")) {
            String parsed = new String(version);
            assertThat(all.negotiate(parsed)).isSameAs(ProtocolVersion.canonical(version)).isEqualTo(version);
            assertThat(ProtocolVersion.canonical(parsed)).isNotSameAs(parsed);
        }
    }

    @Test
    void initializeNeverNegotiatesTheModernRevision() {
        assertThat(ProtocolVersions.all().negotiate("2026-07-28")).isSameAs(ProtocolVersion.LATEST);
        assertThat(ProtocolVersions.of(List.of("2026-07-28")).negotiate("2025-11-25")).isNull();
    }

    @Test
    void anUnsupportedVersionGetsTheNewestEnabledLegacyOneAndIsNotCanonicalised() {
        assertThat(ProtocolVersions.all().negotiate("2024-11-05")).isSameAs(ProtocolVersion.LATEST);
        assertThat(ProtocolVersions.all().negotiate(null)).isSameAs(ProtocolVersion.LATEST);
        assertThat(ProtocolVersions.of(List.of("2025-06-18", "2025-03-26")).negotiate("2025-11-25"))
            .isEqualTo("2025-06-18");
        String unknown = new String("2099-01-01");
        assertThat(ProtocolVersion.canonical(unknown)).isSameAs(unknown);
        assertThat(ProtocolVersion.canonical(null)).isNull();
    }

    @Test
    void onlyDatedRevisionsFromTheFirstStatelessOneOnAreModern() {
        assertThat(ProtocolVersion.isModern("2026-07-28")).isTrue();
        assertThat(ProtocolVersion.isModern("2027-01-01")).isTrue();
        assertThat(ProtocolVersion.isModern("2025-11-25")).isFalse();
        assertThat(ProtocolVersion.isModern("v999.0.0")).isFalse();
        assertThat(ProtocolVersion.isModern(null)).isFalse();
    }

    @Test
    void theEnabledVersionsAreListedNewestFirstAndUnknownOnesAreRefused() {
        assertThat(ProtocolVersions.of(List.of("2025-06-18", "2026-07-28", "2025-06-18")).newestFirst())
            .containsExactly("2026-07-28", "2025-06-18");
        assertThatIllegalArgumentException().isThrownBy(() -> ProtocolVersions.of(List.of("2024-11-05")))
            .withMessageContaining("2024-11-05");
        assertThatIllegalArgumentException().isThrownBy(() -> ProtocolVersions.of(List.of()));
    }
}
