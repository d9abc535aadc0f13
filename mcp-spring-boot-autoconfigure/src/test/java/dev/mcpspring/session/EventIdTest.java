package dev.mcpspring.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link EventId}: {@code <streamId>:<sequence>}. */
class EventIdTest {

    @Test
    void writesAndReadsStreamAndSequence() {
        EventId id = new EventId("r12", 7);

        assertThat(id.toString()).isEqualTo("r12:7");
        assertThat(EventId.parse("r12:7")).contains(id);
        assertThat(EventId.parse("get:0")).contains(new EventId("get", 0));
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "r1", ":1", "r1:", "r1:x", "r1:-1", "r1:1:2", "a:b:1", "r1:12345678901234567890",
            "r1: 1" })
    void malformedIdsAreNotRead(String value) {
        assertThat(EventId.parse(value)).isEmpty();
    }

    @Test
    void aStreamIdCannotContainTheSeparator() {
        assertThatThrownBy(() -> new EventId("a:b", 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new EventId("a", -1)).isInstanceOf(IllegalArgumentException.class);
    }
}
