package dev.mcpspring.annotation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Currency;
import java.util.Locale;
import java.util.Map;
import java.util.TimeZone;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.mcpspring.testclient.McpTestClient;
import dev.mcpspring.transport.McpTestApplication;
import tools.jackson.databind.JsonNode;

/**
 * The JDK types that Jackson reads and writes as one JSON string ({@code Currency}, {@code Locale},
 * {@code TimeZone}, {@code Charset}, {@code Path}, {@code File}, {@code Pattern}, {@code InetAddress},
 * {@code Class}) are strings in a tool's schemas, over real HTTP: the structured content of a result matches the
 * published output schema (which a client such as the TypeScript SDK checks), and a call made after the input
 * schema binds.
 */
@SpringBootTest(classes = { McpTestApplication.class, JdkScalarSchemasHttpTests.MoneyTools.class },
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class JdkScalarSchemasHttpTests {

    record Money(BigDecimal amount, Currency currency) {
    }

    record Settings(Locale locale, TimeZone zone, Charset charset, Path path, File file, Pattern pattern,
            InetAddress host, Class<?> type) {
    }

    static class MoneyTools {

        @McpTool(description = "A price")
        Money price() {
            return new Money(BigDecimal.TEN, Currency.getInstance("EUR"));
        }

        @McpTool(description = "The settings")
        Settings settings() {
            return new Settings(Locale.FRANCE, TimeZone.getTimeZone("Europe/Paris"), StandardCharsets.UTF_8,
                    Path.of("/tmp/a"), new File("/tmp/b"), Pattern.compile("a+"), InetAddress.getLoopbackAddress(),
                    String.class);
        }

        @McpTool(description = "Converts an amount")
        String convert(BigDecimal amount, Currency currency, Locale locale, TimeZone zone, Charset charset) {
            return amount + " " + currency.getCurrencyCode() + " " + locale.toLanguageTag() + " " + zone.getID()
                    + " " + charset.name();
        }
    }

    @LocalServerPort
    int port;

    McpTestClient client;

    @BeforeEach
    void connect() {
        client = McpTestClient.create(port);
        client.connect();
    }

    private JsonNode listed(String name) {
        for (JsonNode tool : client.request("tools/list", Map.of()).result().path("tools")) {
            if (tool.path("name").asString().equals(name)) {
                return tool;
            }
        }
        throw new AssertionError("no tool " + name);
    }

    private JsonNode call(String name, Map<String, ?> arguments) {
        return client.request("tools/call", Map.of("name", name, "arguments", arguments)).result();
    }

    @Test
    void aCurrencyInAResultIsAStringInTheOutputSchema() {
        JsonNode schema = listed("price").path("outputSchema");
        JsonNode content = call("price", Map.of()).path("structuredContent");

        assertThat(content.path("currency").asString()).isEqualTo("EUR");
        assertThat(schema.path("properties").path("currency").path("type").asString()).isEqualTo("string");
        assertThat(JsonSchemas.validate(schema, content.toString())).as("%s against %s", content, schema).isEmpty();
    }

    @Test
    void theOtherJdkScalarsInAResultMatchTheOutputSchema() {
        JsonNode schema = listed("settings").path("outputSchema");
        JsonNode content = call("settings", Map.of()).path("structuredContent");

        assertThat(JsonSchemas.validate(schema, content.toString())).as("%s against %s", content, schema).isEmpty();
        schema.path("properties").properties()
            .forEach(property -> assertThat(property.getValue().path("type").asString()).as(property.getKey())
                .isEqualTo("string"));
    }

    @Test
    void argumentsWrittenAfterTheInputSchemaBind() {
        JsonNode properties = listed("convert").path("inputSchema").path("properties");
        for (String name : new String[] { "currency", "locale", "zone", "charset" }) {
            assertThat(properties.path(name).path("type").asString()).as(name).isEqualTo("string");
        }

        JsonNode result = call("convert", Map.of("amount", 12.5, "currency", "EUR", "locale", "fr-FR",
                "zone", "Europe/Paris", "charset", "UTF-8"));

        assertThat(result.path("isError").asBoolean()).as("%s", result).isFalse();
        assertThat(result.path("content").get(0).path("text").asString())
            .isEqualTo("12.5 EUR fr-FR Europe/Paris UTF-8");
    }
}
