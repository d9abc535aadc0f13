package dev.mcpspring.server.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.mcpspring.annotation.McpTitledEnum;
import dev.mcpspring.annotation.internal.ElicitationSchemas;
import dev.mcpspring.protocol.McpJsonMapper;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@link FormAnswers} on the form of a typed elicitation, and in agreement with an independent JSON Schema
 * validator on whether each answer fits.
 */
class FormAnswersTest {

    static final JsonMapper MAPPER = McpJsonMapper.create();

    static final ObjectNode FORM = new ElicitationSchemas(MAPPER).schemaFor(Project.class);

    static final Schema ORACLE = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
        .getSchema(FORM);

    enum Language {
        JAVA, KOTLIN
    }

    enum Tier implements McpTitledEnum {
        FREE, PAID;

        @Override
        public String title() {
            return name().charAt(0) + name().substring(1).toLowerCase();
        }
    }

    record Project(@NotBlank @Size(max = 12) String name, @Min(1) @Max(10) int size, double budget,
            Language language, Tier tier, @Size(min = 1, max = 2) List<Language> targets, boolean open,
            Optional<String> note) {
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', nullValues = "-", textBlock = """
            {}                                   | 'name' is required; 'size' is required; 'budget' is required; 'language' is required; 'tier' is required; 'targets' is required; 'open' is required
            {"name":""}                          | 'name' must be at least 1 characters long
            {"name":"a project name too long"}   | 'name' must be at most 12 characters long
            {"name":"Ünïcødé 😀 ok"}              | -
            {"size":0}                           | 'size' must be at least 1
            {"size":11}                          | 'size' must be at most 10
            {"size":10.0}                        | -
            {"size":2.5}                         | 'size' must be a whole number
            {"size":"3"}                         | 'size' must be a whole number
            {"budget":"lots"}                    | 'budget' must be a number
            {"budget":1e3}                       | -
            {"language":"GO"}                    | 'language' must be one of 'JAVA', 'KOTLIN'
            {"tier":"Free"}                      | 'tier' must be one of 'FREE', 'PAID'
            {"targets":[]}                       | 'targets' must hold at least 1 options
            {"targets":["JAVA","KOTLIN","JAVA"]} | 'targets' must hold at most 2 options
            {"targets":["JAVA","GO"]}            | 'targets' may only hold 'JAVA', 'KOTLIN'
            {"targets":"JAVA"}                   | 'targets' must be a list of options
            {"open":"yes"}                       | 'open' must be true or false
            {"note":null}                        | -
            {"note":3}                           | 'note' must be a string
            """)
    void anAnswerIsHeldToItsForm(String change, String problems) {
        ObjectNode answer = MAPPER.readValue("""
                {"name":"mcp","size":3,"budget":2.5,"language":"JAVA","tier":"PAID","targets":["KOTLIN"],"open":true}
                """, ObjectNode.class);
        MAPPER.readTree(change).properties().forEach(field -> {
            if (field.getValue().isNull()) {
                answer.remove(field.getKey());
            }
            else {
                answer.set(field.getKey(), field.getValue());
            }
        });
        if ("{}".equals(change)) {
            answer.removeAll();
        }

        assertThat(FormAnswers.problems(FORM, content(answer))).isEqualTo(problems);
        assertThat(ORACLE.validate(answer)).as("the independent validator's verdict on %s", answer)
            .matches(errors -> errors.isEmpty() == (problems == null));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', nullValues = "-", textBlock = """
            {"extra":{"nested":1}}        | -
            {"name":null}                 | 'name' is required
            """)
    void answersToFieldsTheFormDoesNotHaveAreLeftAloneAndNullIsNoAnswer(String answer, String problems) {
        ObjectNode form = MAPPER.createObjectNode().put("type", "object");
        form.putObject("properties").putObject("name").put("type", "string");
        form.putArray("required").add("name");
        ObjectNode content = (ObjectNode) MAPPER.readTree(answer);
        if (!content.has("name")) {
            content.put("name", "Ada");
        }

        assertThat(FormAnswers.problems(form, content(content))).isEqualTo(problems);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> content(JsonNode answer) {
        return MAPPER.convertValue(answer, Map.class);
    }
}
