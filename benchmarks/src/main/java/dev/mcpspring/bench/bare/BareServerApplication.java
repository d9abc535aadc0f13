package dev.mcpspring.bench.bare;

import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Import;

import dev.mcpspring.bench.control.BenchControlController;
import dev.mcpspring.bench.control.ServerDefaults;

/**
 * The floor: a Spring MVC application whose only endpoint is {@link BareMcpController}. The starter is on the
 * class path of this jar but switched off ({@code mcp.server.enabled=false}), so nothing of it runs.
 */
@SpringBootApplication
@Import(BenchControlController.class)
public class BareServerApplication {

    public static void main(String[] args) {
        SpringApplication application = new SpringApplication(BareServerApplication.class);
        Map<String, Object> properties = ServerDefaults.properties();
        properties.put("mcp.server.enabled", "false");
        properties.put("spring.application.name", "bare-mvc");
        application.setDefaultProperties(properties);
        application.run(args);
    }
}
