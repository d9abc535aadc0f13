package dev.mcpspring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.core.io.UrlResource;
import org.springframework.core.io.support.PropertiesLoaderUtils;

/** The start-up failure on Spring Boot 3 or without Jackson 3 says what the starter needs. */
class UnsupportedPlatformFailureAnalyzerTests {

    private static final Throwable MISSING_JACKSON_3 = new BeanCreationException("mcpJsonRpcCodec",
            "Failed to instantiate", new NoClassDefFoundError("tools/jackson/databind/ObjectMapper"));

    @Test
    void onSpringBoot3ItNamesWhatIsRequiredAndWhatWasFound() {
        FailureAnalysis analysis = new UnsupportedPlatformFailureAnalyzer("3.5.7", false).analyze(MISSING_JACKSON_3);

        assertThat(analysis).isNotNull();
        assertThat(analysis.getDescription()).contains("needs Spring Boot 4.x and Jackson 3")
            .contains("runs Spring Boot 3.5.7 without Jackson 3");
        assertThat(analysis.getAction()).contains("Upgrade the application to Spring Boot 4.x");
        assertThat(analysis.getCause()).isSameAs(MISSING_JACKSON_3);
    }

    @Test
    void withoutJackson3OnSpringBoot4ItSaysSo() {
        FailureAnalysis analysis = new UnsupportedPlatformFailureAnalyzer("4.1.1", false).analyze(MISSING_JACKSON_3);

        assertThat(analysis.getDescription()).contains("runs Spring Boot 4.1.1 without Jackson 3 (tools.jackson)");
    }

    @Test
    void onASupportedPlatformOrForAnotherFailureItStaysOutOfTheWay() {
        assertThat(new UnsupportedPlatformFailureAnalyzer("4.1.1", true).analyze(MISSING_JACKSON_3)).isNull();
        assertThat(new UnsupportedPlatformFailureAnalyzer("3.5.7", false)
            .analyze(new IllegalStateException("port 8080 in use"))).isNull();
    }

    @Test
    void itIsRegisteredAndSeesThePlatformOfThisBuildAsSupported() throws IOException {
        List<String> analyzers = new ArrayList<>();
        for (URL url : Collections.list(getClass().getClassLoader().getResources("META-INF/spring.factories"))) {
            Properties factories = PropertiesLoaderUtils.loadProperties(new UrlResource(url));
            analyzers.add(factories.getProperty(FailureAnalyzer.class.getName(), ""));
        }
        assertThat(analyzers).anySatisfy(names -> assertThat(names)
            .contains(UnsupportedPlatformFailureAnalyzer.class.getName()));
        assertThat(new UnsupportedPlatformFailureAnalyzer().analyze(MISSING_JACKSON_3)).isNull();
    }
}
