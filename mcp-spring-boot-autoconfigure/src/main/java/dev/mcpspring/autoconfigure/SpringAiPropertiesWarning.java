package dev.mcpspring.autoconfigure;

import java.util.List;
import java.util.TreeSet;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.Environment;

/**
 * Warns at start-up when the environment still sets {@code spring.ai.mcp.server.*} properties: they configured
 * Spring AI's MCP server, which this starter replaces, and nothing here reads them, so an application migrated
 * from Spring AI would otherwise run with its old name, version or endpoint silently ignored.
 */
final class SpringAiPropertiesWarning implements ApplicationListener<ApplicationReadyEvent> {

    private static final Log logger = LogFactory.getLog(SpringAiPropertiesWarning.class);

    private static final ConfigurationPropertyName SPRING_AI_SERVER = ConfigurationPropertyName
        .of("spring.ai.mcp.server");

    private final Environment environment;

    SpringAiPropertiesWarning(Environment environment) {
        this.environment = environment;
    }

    @Override
    public void onApplicationEvent(ApplicationReadyEvent event) {
        List<String> leftovers = leftovers();
        if (!leftovers.isEmpty()) {
            logger.warn("Spring AI MCP server properties are set but nothing reads them: " + String.join(", ",
                    leftovers) + ". This starter is configured under mcp.server.* (name, version, endpoint, ...); "
                    + "docs/migrating-from-spring-ai.md gives the counterpart of each");
        }
    }

    /** The {@code spring.ai.mcp.server.*} properties set, in their canonical form, sorted. */
    List<String> leftovers() {
        TreeSet<String> names = new TreeSet<>();
        for (var source : ConfigurationPropertySources.get(environment)) {
            if (source instanceof IterableConfigurationPropertySource iterable) {
                iterable.stream().filter(SPRING_AI_SERVER::isAncestorOf).forEach(name -> names.add(name.toString()));
            }
        }
        return List.copyOf(names);
    }
}
