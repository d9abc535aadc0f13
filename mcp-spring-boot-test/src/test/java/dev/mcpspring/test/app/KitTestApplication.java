package dev.mcpspring.test.app;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The application the test kit's own tests run against. */
@SpringBootApplication
public class KitTestApplication {
}
