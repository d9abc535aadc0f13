package dev.mcpspring.annotation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import dev.mcpspring.annotation.internal.AnnotatedToolFactory;
import dev.mcpspring.protocol.McpJsonMapper;

/** A tool without a description works, but the start-up log says it should have one. */
@ExtendWith(OutputCaptureExtension.class)
class ToolDescriptionWarningTests {

    static class Tools {

        @McpTool
        public String quiet() {
            return "...";
        }

        @McpTool(description = "Says hello")
        public String hello() {
            return "hello";
        }
    }

    @Test
    void aToolWithoutADescriptionIsAWarning(CapturedOutput output) {
        new AnnotatedToolFactory(McpJsonMapper.create()).createTools(new Tools());

        assertThat(output).contains("WARN").contains("MCP tool 'quiet'").contains("has no description")
            .doesNotContain("MCP tool 'hello'");
    }
}
