package dev.mcpspring.test;

import java.util.List;

import com.networknt.schema.Error;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import org.assertj.core.api.AbstractObjectAssert;
import org.assertj.core.api.AbstractStringAssert;
import org.assertj.core.api.Assertions;
import org.assertj.core.api.ListAssert;

import org.springframework.test.json.JsonContent;
import org.springframework.test.json.JsonContentAssert;

import tools.jackson.databind.JsonNode;

/**
 * AssertJ assertions on an {@link McpResult}: success or failure, the text and structured content of a result
 * (against the tool's output schema too), JSON-RPC errors, and the notifications sent meanwhile. Reached through
 * {@code assertThat(result)} of AssertJ's {@code Assertions}.
 */
public class McpResultAssert extends AbstractObjectAssert<McpResultAssert, McpResult> {

    private static final SchemaRegistry SCHEMAS = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

    McpResultAssert(McpResult actual) {
        super(actual, McpResultAssert.class);
    }

    /** The request succeeded: a result came back, and a tool did not report an error. */
    public McpResultAssert isSuccessful() {
        isNotNull();
        if (actual.result() == null) {
            failWithMessage("Expected %s to succeed but it failed: %s", actual.method(), describeFailure());
        }
        if (actual.isToolError()) {
            failWithMessage("Expected %s to succeed but the tool reported an error (isError: true): %s",
                    actual.method(), actual.text());
        }
        return this;
    }

    /** The tool ran and reported an error ({@code isError: true}), as opposed to a JSON-RPC error. */
    public McpResultAssert isToolError() {
        isNotNull();
        if (!actual.isToolError()) {
            failWithMessage("Expected %s to report a tool error (isError: true) but got %s", actual.method(),
                    actual.result() != null ? actual.result() : describeFailure());
        }
        return this;
    }

    /** The request failed with this JSON-RPC error code. */
    public McpResultAssert hasErrorCode(int code) {
        isNotNull();
        if (actual.error() == null) {
            failWithMessage("Expected %s to fail with JSON-RPC error %s but it got %s", actual.method(), code,
                    actual.result() != null ? "a result: " + actual.result() : describeFailure());
        }
        if (actual.errorCode() != code) {
            failWithMessage("Expected %s to fail with JSON-RPC error %s but the error was %s", actual.method(), code,
                    actual.error());
        }
        return this;
    }

    /** The request failed with a JSON-RPC error whose message contains {@code text}. */
    public McpResultAssert hasErrorMessageContaining(String text) {
        isNotNull();
        if (actual.error() == null || !actual.errorMessage().contains(text)) {
            failWithMessage("Expected %s to fail with a message containing <%s> but got %s", actual.method(), text,
                    actual.error() != null ? actual.error() : actual.result());
        }
        return this;
    }

    /** The HTTP response had this status. */
    public McpResultAssert hasHttpStatus(int status) {
        isNotNull();
        if (actual.httpStatus() != status) {
            failWithMessage("Expected HTTP status %s for %s but it was %s", status, actual.method(), actual);
        }
        return this;
    }

    /** The text of the result (see {@link McpResult#text()}) is exactly {@code expected}. */
    public McpResultAssert hasText(String expected) {
        text().isEqualTo(expected);
        return this;
    }

    /** Assertions on the text of the result (see {@link McpResult#text()}). */
    public AbstractStringAssert<?> text() {
        isNotNull();
        return Assertions.assertThat(actual.text()).as("text of %s", actual.method());
    }

    /**
     * The structured content equals {@code expected}: an object serialised to JSON, or JSON text (compared
     * leniently: member order and extra members of nested objects aside, as JSONassert does).
     */
    public McpResultAssert hasStructuredContent(Object expected) {
        JsonContentAssert content = structuredContent();
        content.isLenientlyEqualTo(expected instanceof CharSequence text ? text.toString() : actual.toJson(expected));
        return this;
    }

    /** Assertions on the structured content as JSON (paths, JSON comparison) with Spring's JSON assertions. */
    public JsonContentAssert structuredContent() {
        isNotNull();
        JsonNode content = actual.structuredContent();
        if (content == null) {
            failWithMessage("Expected %s to have structuredContent but it has none: %s", actual.method(),
                    actual.result() != null ? actual.result() : describeFailure());
        }
        return new JsonContent(content.toString()).assertThat();
    }

    /** The structured content is valid against the called tool's output schema (JSON Schema 2020-12). */
    public McpResultAssert structuredContentMatchesOutputSchema() {
        isNotNull();
        JsonNode content = actual.structuredContent();
        JsonNode schema = actual.outputSchema();
        if (schema == null) {
            failWithMessage("Expected %s to have an output schema, but the tool declares none", actual.method());
        }
        if (content == null) {
            failWithMessage("Expected %s to have structuredContent but it has none: %s", actual.method(),
                    actual.result() != null ? actual.result() : describeFailure());
        }
        List<Error> errors = SCHEMAS.getSchema(schema).validate(content);
        if (!errors.isEmpty()) {
            failWithMessage("Expected the structured content %s to match the output schema %s, but: %s", content,
                    schema, errors.stream().map(Error::toString).toList());
        }
        return this;
    }

    /** Assertions on the progress notifications sent while the request ran. */
    public ListAssert<McpNotification> progress() {
        isNotNull();
        return Assertions.assertThat(actual.progress()).as("progress notifications of %s", actual.method());
    }

    /** Assertions on the log messages sent while the request ran. */
    public ListAssert<McpNotification> logs() {
        isNotNull();
        return Assertions.assertThat(actual.logs()).as("log messages of %s", actual.method());
    }

    private String describeFailure() {
        if (actual.error() != null) {
            return "JSON-RPC error " + actual.error();
        }
        return "HTTP " + actual.httpStatus() + (actual.httpBody() == null ? " without a response"
                : " " + actual.httpBody());
    }
}
