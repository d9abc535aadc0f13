package dev.mcpspring.annotation;

import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import dev.mcpspring.annotation.internal.AnnotatedMethodRegistrar;
import dev.mcpspring.annotation.internal.AnnotatedToolFactory;
import dev.mcpspring.annotation.internal.ElicitationSchemas;

/**
 * {@code jakarta.validation} is optional: everything works without it, elicitation form schemas too. Runs a scenario in a class loader whose class
 * path lacks the Bean Validation API and provider.
 */
class WithoutBeanValidationTests {

    /** Runs in the isolated class loader. */
    public static class Scenario {

        public static class Tools {

            @McpTool
            public String greet(String name, int times) {
                return ("Hello " + name + " ").repeat(times).trim();
            }
        }

        public record Answer(@McpToolParam(title = "Name") String name,
                @com.fasterxml.jackson.annotation.JsonProperty(defaultValue = "1") int times) {
        }

        public static String run() {
            tools.jackson.databind.json.JsonMapper mapper = dev.mcpspring.protocol.McpJsonMapper.create();
            var registries = dev.mcpspring.server.internal.ServerRegistries.empty();
            dev.mcpspring.server.ToolRegistry registry = registries.tools();
            try (var context = new org.springframework.context.annotation.AnnotationConfigApplicationContext()) {
                context.registerBean(Tools.class);
                context.registerBean(AnnotatedMethodRegistrar.class,
                        () -> new AnnotatedMethodRegistrar(registries, mapper));
                context.refresh();
            }
            dev.mcpspring.server.ToolSpecification tool = registry.find("greet").orElseThrow();
            var arguments = (tools.jackson.databind.node.ObjectNode) mapper.readTree("{\"name\":\"Ada\",\"times\":2}");
            var invalid = (tools.jackson.databind.node.ObjectNode) mapper.readTree("{\"name\":\"Ada\",\"times\":\"x\"}");
            var ok = tool.handler().call(new dev.mcpspring.server.ToolInvocation(arguments, null));
            var error = tool.handler().call(new dev.mcpspring.server.ToolInvocation(invalid, null));
            var factoryTools = new AnnotatedToolFactory(mapper).createTools(new Tools());
            return tool.tool().inputSchema() + "|" + ((dev.mcpspring.protocol.Content.Text) ok.content().get(0)).text()
                    + "|" + ((dev.mcpspring.protocol.Content.Text) error.content().get(0)).text() + "|"
                    + factoryTools.size() + "|" + new ElicitationSchemas(mapper).schemaFor(Answer.class);
        }
    }

    @Test
    void worksWithoutJakartaValidationOnTheClassPath() throws Exception {
        List<URL> urls = new ArrayList<>();
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        for (String entry : classPath.split(File.pathSeparator)) {
            if (!entry.contains("jakarta.validation") && !entry.contains("hibernate-validator")) {
                urls.add(new File(entry).toURI().toURL());
            }
        }
        try (URLClassLoader isolated = new URLClassLoader(urls.toArray(URL[]::new),
                ClassLoader.getPlatformClassLoader())) {
            assertThatExceptionOfType(ClassNotFoundException.class)
                .isThrownBy(() -> isolated.loadClass("jakarta.validation.Validator"));
            Object result = isolated.loadClass(Scenario.class.getName()).getMethod("run").invoke(null);
            assertThat(result).isEqualTo("{\"type\":\"object\",\"properties\":{\"name\":{\"type\":\"string\"},"
                    + "\"times\":{\"type\":\"integer\"}},\"additionalProperties\":false,\"required\":[\"name\",\"times\"]}|"
                    + "Hello Ada Hello Ada|"
                    + "Invalid arguments for tool 'greet': parameter 'times': expected an integer, got \"x\"|1|"
                    + "{\"type\":\"object\",\"properties\":{\"name\":{\"type\":\"string\",\"title\":\"Name\"},"
                    + "\"times\":{\"type\":\"integer\",\"default\":1}},\"required\":[\"name\",\"times\"]}");
        }
    }
}
