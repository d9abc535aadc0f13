package dev.mcpspring.docs;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.JwtDecoder;

import dev.mcpspring.server.ToolRegistry;

/**
 * The classes the pages show are not only compiled: they start in one application with the starter, so every
 * annotated method registers (a completion names an existing prompt argument, a template variable has its
 * parameter, ...) and the security configuration finds its beans. The application's own collaborators the
 * classes use (a book catalog, a rate client, ...) are stand-ins from the test configurations of their packages.
 */
@SpringBootTest(properties = "mcp.server.authorization.resource=https://mcp.example.com/mcp")
class DocExamplesStartUpTests {

    @Autowired
    ToolRegistry tools;

    @Test
    void everyToolOfThePagesIsRegistered() {
        assertThat(tools.list()).extracting(tool -> tool.tool().name())
            .contains("forecast", "shout", "rate", "summarize", "importTasks", "clearDone", "workspaceFolders",
                    "connectCalendar", "translate", "releaseNote", "deleteTask", "process-data", "exportOrders",
                    "runPipeline", "reindex");
    }

    @SpringBootApplication
    static class DocExamples {

        /** Stands in for Spring Boot's decoder made from an issuer, so that the starter secures the endpoint. */
        @Bean
        JwtDecoder jwtDecoder() {
            return token -> {
                throw new BadJwtException("no tokens in this test");
            };
        }
    }
}
