package dev.mcpspring.annotation;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static dev.mcpspring.annotation.TestTools.call;
import static dev.mcpspring.annotation.TestTools.successText;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/** A class compiled without {@code -parameters} has no parameter names to bind arguments by. */
class ParameterNamesTests {

    private static final String SOURCE = """
            package compiled;

            import dev.mcpspring.annotation.McpTool;
            import dev.mcpspring.annotation.McpToolParam;

            public class %s {
                @McpTool
                public String echo(%s String text) {
                    return text;
                }
            }
            """;

    @TempDir
    Path directory;

    private Object compileWithoutParameterNames(String className, String parameterAnnotation) throws Exception {
        Path source = directory.resolve(className + ".java");
        Files.writeString(source, SOURCE.formatted(className, parameterAnnotation));
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        int status = compiler.run(null, null, null, "-classpath", classPath, "-d", directory.toString(),
                source.toString());
        assertThat(status).as("compiler exit status").isZero();
        URLClassLoader loader = new URLClassLoader(new URL[] { directory.toUri().toURL() }, getClass().getClassLoader());
        Class<?> type = loader.loadClass("compiled." + className);
        assertThat(type.getMethod("echo", String.class).getParameters()[0].isNamePresent()).isFalse();
        return type.getConstructor().newInstance();
    }

    @Test
    void failsClearlyWhenParameterNamesAreMissing() throws Exception {
        Object tools = compileWithoutParameterNames("Unnamed", "");
        assertThatIllegalStateException().isThrownBy(() -> TestTools.FACTORY.createTools(tools))
            .withMessage("Cannot register @McpTool method Unnamed.echo(String): the names of its parameters are not"
                    + " available: compile with '-parameters' (spring-boot-starter-parent does) or name each"
                    + " parameter with @McpToolParam(name = ...)");
    }

    @Test
    void namesFromTheAnnotationNeedNoCompilerFlag() throws Exception {
        Object tools = compileWithoutParameterNames("Named", "@McpToolParam(name = \"text\")");
        List<dev.mcpspring.server.ToolSpecification> specifications = TestTools.FACTORY.createTools(tools);
        assertThat(specifications).hasSize(1);
        assertThat(successText(call(specifications.get(0), "{\"text\":\"hi\"}"))).isEqualTo("hi");
    }
}
