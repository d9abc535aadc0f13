package dev.mcpspring.transport.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@link AcceptHeader}: media ranges, wildcards, q-values and precedence per RFC 9110 section 12.5.1. */
class AcceptHeaderTest {

    @ParameterizedTest(name = "[{index}] Accept: {0} -> json {1}, sse {2}")
    @CsvSource(delimiter = '|', value = {
            "application/json, text/event-stream             | true  | true",
            "application/json                                | true  | false",
            "text/event-stream                               | false | true",
            "*/*                                             | true  | true",
            "application/*                                   | true  | false",
            "text/*                                          | false | true",
            "text/event-stream;q=0, application/json         | true  | false",
            "application/json;q=0, text/event-stream;q=0     | false | false",
            "application/json;q=0, */*                       | false | true",
            "*/*;q=0, application/json                       | true  | false",
            "application/*;q=0, application/json;q=0.1       | true  | false",
            "application/json;q=0.001                        | true  | false",
            "application/json;q=0.000                        | false | false",
            "application/json;Q=0                            | false | false",
            "application/json;q=invalid                      | false | false",
            "APPLICATION/JSON, Text/Event-Stream             | true  | true",
            "application/json; charset=utf-8; q=0.5          | true  | false",
            "text/html, application/xml;q=0.9                | false | false",
            "text/event-stream;q=0, text/*                   | false | false",
            "text/*;q=0, text/event-stream                   | false | true",
            "'  application/json  ,  text/event-stream  '    | true  | true",
            "application/json-seq                            | false | false",
            "application                                     | true  | true",
            "/json                                           | true  | true",
            "'application/json,,'                            | true  | false",
            "application / json                              | true  | false",
            "application/json;q=0.5;q=0                      | false | false",
            "application/json;q;charset=utf-8, text/*;q=0    | true  | false",
            "application/json; q= 0 , text/event-stream      | false | true",
            "text/event-stream, application/json;q=1.0x      | false | true",
            "application/, /event-stream, text/event-stream  | false | true" })
    void decidesWhatIsAcceptable(String header, boolean json, boolean sse) {
        AcceptHeader accept = parse(header);

        assertThat(accept.accepts("application", "json")).as("application/json").isEqualTo(json);
        assertThat(accept.accepts("text", "event-stream")).as("text/event-stream").isEqualTo(sse);
    }

    @Test
    void noAcceptHeaderAcceptsEverything() {
        AcceptHeader accept = AcceptHeader.parse(Collections.emptyEnumeration());

        assertThat(accept.accepts("application", "json")).isTrue();
        assertThat(accept.accepts("text", "event-stream")).isTrue();
    }

    @Test
    void aNullEnumerationAcceptsEverything() {
        assertThat(AcceptHeader.parse(null).accepts("text", "event-stream")).isTrue();
    }

    @Test
    void severalHeaderLinesAreCombined() {
        AcceptHeader accept = AcceptHeader.parse(
                Collections.enumeration(List.of("text/html", "application/json;q=0.5", "text/event-stream;q=0")));

        assertThat(accept.accepts("application", "json")).isTrue();
        assertThat(accept.accepts("text", "event-stream")).isFalse();
        assertThat(accept.accepts("text", "html")).isTrue();
        assertThat(accept.accepts("image", "png")).isFalse();
    }

    @Test
    void theMostSpecificRangeWinsWhateverItsPosition() {
        assertThat(parse("application/json;q=0, application/*;q=1, */*").accepts("application", "json")).isFalse();
        assertThat(parse("*/*, application/*;q=1, application/json;q=0").accepts("application", "json")).isFalse();
        assertThat(parse("*/*;q=0, application/*;q=0.2").accepts("application", "json")).isTrue();
        assertThat(parse("*/*;q=0, application/*;q=0.2").accepts("application", "xml")).isTrue();
        assertThat(parse("*/*;q=0, application/*;q=0.2").accepts("text", "event-stream")).isFalse();
    }

    private static AcceptHeader parse(String header) {
        return AcceptHeader.parse(Collections.enumeration(List.of(header)));
    }
}
