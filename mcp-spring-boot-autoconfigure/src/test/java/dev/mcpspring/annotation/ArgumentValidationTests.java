package dev.mcpspring.annotation;

import java.util.List;
import java.util.Map;

import dev.mcpspring.annotation.Fixtures.Basket;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.junit.jupiter.api.Test;

import static dev.mcpspring.annotation.TestTools.call;
import static dev.mcpspring.annotation.TestTools.errorText;
import static dev.mcpspring.annotation.TestTools.successText;
import static dev.mcpspring.annotation.TestTools.tool;
import static org.assertj.core.api.Assertions.assertThat;

/** Bean Validation of bound arguments, without an application context (the default provider). */
class ArgumentValidationTests {

    static class Tools {

        int calls;

        @McpTool
        String repeat(@NotBlank String text, @Min(1) @Max(5) int count) {
            calls++;
            return text.repeat(count);
        }

        @McpTool
        String order(@Valid Basket basket) {
            calls++;
            return basket.orders().size() + " orders";
        }

        @McpTool
        String place(Line line, List<Line> more) {
            calls++;
            return line.item();
        }

        @McpTool
        String deliver(Delivery delivery) {
            calls++;
            return delivery.lines().size() + " lines";
        }

        @McpTool
        String tags(@Size(max = 2) List<@NotBlank String> tags) {
            calls++;
            return String.join(",", tags);
        }
    }

    /** Constraints the input schema publishes, without {@code @Valid} anywhere. */
    record Line(@NotBlank String item, @Min(1) @Max(100) int quantity) {
    }

    record Delivery(@NotBlank String address, List<Line> lines, Map<String, Line> byWarehouse) {
    }

    private final Tools tools = new Tools();

    @Test
    void validArgumentsReachTheMethod() {
        assertThat(successText(call(tool(tools, "repeat"), "{\"text\":\"ab\",\"count\":2}"))).isEqualTo("abab");
        assertThat(tools.calls).isEqualTo(1);
    }

    @Test
    void constraintViolationsOnParametersAreReportedByArgumentName() {
        assertThat(errorText(call(tool(tools, "repeat"), "{\"text\":\"ab\",\"count\":0}")))
            .isEqualTo("Invalid arguments for tool 'repeat': count: must be greater than or equal to 1");
        assertThat(errorText(call(tool(tools, "repeat"), "{\"text\":\" \",\"count\":9}")))
            .isEqualTo("Invalid arguments for tool 'repeat': count: must be less than or equal to 5;"
                    + " text: must not be blank");
        assertThat(tools.calls).isZero();
    }

    @Test
    void cascadedViolationsNameThePathInsideTheArgument() {
        assertThat(errorText(call(tool(tools, "order"),
                "{\"basket\":{\"orders\":[{\"item\":\"tea\",\"quantity\":1},{\"item\":\"\",\"quantity\":0}],"
                        + "\"counts\":{}}}")))
            .isEqualTo("Invalid arguments for tool 'order': basket.orders[1].item: must not be blank;"
                    + " basket.orders[1].quantity: must be greater than or equal to 1");
        assertThat(tools.calls).isZero();
    }

    @Test
    void constraintsInsideRecordsAreCheckedAtEveryLevelWithoutValid() {
        assertThat(errorText(call(tool(tools, "place"),
                "{\"line\":{\"item\":\"\",\"quantity\":1000},\"more\":[{\"item\":\"tea\",\"quantity\":1},"
                        + "{\"item\":\"cup\",\"quantity\":0}]}")))
            .isEqualTo("Invalid arguments for tool 'place': line.item: must not be blank;"
                    + " line.quantity: must be less than or equal to 100;"
                    + " more[1].quantity: must be greater than or equal to 1");
        assertThat(errorText(call(tool(tools, "deliver"),
                "{\"delivery\":{\"address\":\" \",\"lines\":[{\"item\":\"tea\",\"quantity\":101}],"
                        + "\"byWarehouse\":{\"north\":{\"item\":\"\",\"quantity\":1}}}}")))
            .isEqualTo("Invalid arguments for tool 'deliver': delivery.address: must not be blank;"
                    + " delivery.byWarehouse[north].item: must not be blank;"
                    + " delivery.lines[0].quantity: must be less than or equal to 100");
        assertThat(tools.calls).isZero();
        assertThat(successText(call(tool(tools, "deliver"),
                "{\"delivery\":{\"address\":\"1 Main St\",\"lines\":[{\"item\":\"tea\",\"quantity\":3}],"
                        + "\"byWarehouse\":{}}}"))).isEqualTo("1 lines");
    }

    @Test
    void containerElementViolationsNameTheIndex() {
        assertThat(errorText(call(tool(tools, "tags"), "{\"tags\":[\"a\",\" \"]}")))
            .isEqualTo("Invalid arguments for tool 'tags': tags[1]: must not be blank");
        assertThat(errorText(call(tool(tools, "tags"), "{\"tags\":[\"a\",\"b\",\"c\"]}")))
            .isEqualTo("Invalid arguments for tool 'tags': tags: size must be between 0 and 2");
    }
}
