package dev.mcpspring.testclient;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** {@link SseParser} against the rules of the event stream format. */
class SseParserTest {

    @Test
    void parsesEventsWithTypeIdAndData() {
        SseParser.Parsed parsed = SseParser.parse("event: message\nid: 1\ndata: {\"a\":1}\n\n"
                + "data: second\n\n");

        assertThat(parsed.events()).containsExactly(new SseEvent("message", "{\"a\":1}", "1", null),
                new SseEvent(null, "second", null, null));
        assertThat(parsed.events().get(1).type()).isEqualTo("message");
    }

    @Test
    void joinsMultipleDataLinesWithNewlines() {
        SseParser.Parsed parsed = SseParser.parse("data: line one\ndata:line two\ndata\ndata:  indented\n\n");

        assertThat(parsed.events()).singleElement()
            .extracting(SseEvent::data)
            .isEqualTo("line one\nline two\n\n indented");
    }

    @Test
    void readsCommentsApartFromEvents() {
        SseParser.Parsed parsed = SseParser.parse(": keep-alive\n\n:no space\ndata: x\n: inside\n\n");

        assertThat(parsed.comments()).containsExactly("keep-alive", "no space", "inside");
        assertThat(parsed.events()).singleElement().extracting(SseEvent::data).isEqualTo("x");
    }

    @Test
    void acceptsEveryLineTerminator() {
        SseParser.Parsed parsed = SseParser.parse("data: crlf\r\n\r\ndata: cr\r\rdata: lf\n\n");

        assertThat(parsed.events()).extracting(SseEvent::data).containsExactly("crlf", "cr", "lf");
    }

    @Test
    void keepsPrimingEventsWithAnIdAndEmptyData() {
        SseParser.Parsed parsed = SseParser.parse("id: prime-1\ndata:\n\nretry: 3000\n\n");

        assertThat(parsed.events()).containsExactly(new SseEvent(null, "", "prime-1", null),
                new SseEvent(null, "", null, 3000L));
        assertThat(parsed.events().get(0).hasData()).isFalse();
    }

    @Test
    void ignoresUnknownFieldsInvalidRetryAndIdsWithNul() {
        SseParser.Parsed parsed = SseParser.parse("foo: bar\nretry: 12a\nid: a\0b\ndata: d\n\n");

        assertThat(parsed.events()).containsExactly(new SseEvent(null, "d", null, null));
    }

    @Test
    void anEventWithoutFieldsIsNotDispatched() {
        SseParser.Parsed parsed = SseParser.parse("\n\nfoo: bar\n\n");

        assertThat(parsed.events()).isEmpty();
    }

    @Test
    void anIncompleteEventAtTheEndIsDiscarded() {
        SseParser.Parsed parsed = SseParser.parse("data: complete\n\ndata: incomplete\n");

        assertThat(parsed.events()).extracting(SseEvent::data).containsExactly("complete");
    }

    @Test
    void aByteOrderMarkAtTheStartIsIgnored() {
        SseParser.Parsed parsed = SseParser.parse("\uFEFFdata: x\n\n");

        assertThat(parsed.events()).extracting(SseEvent::data).containsExactly("x");
    }

    @Test
    void theValueKeepsColonsAfterTheFirst() {
        SseParser.Parsed parsed = SseParser.parse("data: {\"url\":\"http://x\"}\n\n");

        assertThat(parsed.events().get(0).data()).isEqualTo("{\"url\":\"http://x\"}");
    }

    @Test
    void canBeFedIncrementally() {
        List<SseEvent> events = new ArrayList<>();
        List<String> comments = new ArrayList<>();
        SseParser parser = new SseParser(events::add, comments::add);

        parser.line("data: a");
        assertThat(events).isEmpty();
        parser.line(": ping");
        parser.line("");
        parser.line("event: custom");
        parser.line("data: b");
        parser.line("");

        assertThat(events).containsExactly(new SseEvent(null, "a", null, null), new SseEvent("custom", "b", null, null));
        assertThat(comments).containsExactly("ping");
    }

    @Test
    void splitsLinesLikeTheFormatDoes() {
        assertThat(SseParser.splitLines("a\r\nb\rc\nd")).containsExactly("a", "b", "c", "d");
        assertThat(SseParser.splitLines("a\n\n")).containsExactly("a", "");
        assertThat(SseParser.splitLines("")).isEmpty();
    }
}
