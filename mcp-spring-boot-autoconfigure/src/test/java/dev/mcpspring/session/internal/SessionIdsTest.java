package dev.mcpspring.session.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** {@link SessionIds}: unguessable, distinct, visible ASCII. */
class SessionIdsTest {

    @Test
    void idsCarryAtLeast128RandomBits() {
        String id = SessionIds.next();

        byte[] decoded = Base64.getUrlDecoder().decode(id);
        assertThat(decoded.length * 8).isGreaterThanOrEqualTo(128);
    }

    @Test
    void idsUseOnlyVisibleAsciiAndAreSafeInHeaders() {
        for (int i = 0; i < 1_000; i++) {
            assertThat(SessionIds.next()).matches("[A-Za-z0-9_-]{22,}");
        }
    }

    @Test
    void idsAreDistinct() {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 50_000; i++) {
            ids.add(SessionIds.next());
        }

        assertThat(ids).hasSize(50_000);
    }

    @Test
    void idsDoNotShareAPrefixOrOrder() {
        String a = SessionIds.next();
        String b = SessionIds.next();

        assertThat(a.substring(0, 8)).isNotEqualTo(b.substring(0, 8));
    }
}
