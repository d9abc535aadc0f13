package dev.mcpspring.bench.control;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Settings both benchmark servers share, so that the only difference between them is the code answering
 * {@code /mcp}. The runner passes the port; everything else is here.
 */
public final class ServerDefaults {

    private ServerDefaults() {
    }

    public static Map<String, Object> properties() {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("server.address", "127.0.0.1");          // loopback only
        // 10,000 open GET streams plus the POSTs beside them: Tomcat's default max-connections is 8,192
        properties.put("server.tomcat.max-connections", "15000");
        properties.put("server.tomcat.accept-count", "1024");
        // Tomcat closes a keep-alive connection after 100 requests by default; wrk would spend part of every run
        // reconnecting, which dilutes the per-request cost we compare. Unlimited for both servers.
        properties.put("server.tomcat.max-keep-alive-requests", "-1");
        properties.put("spring.main.banner-mode", "off");
        properties.put("logging.level.root", "WARN");
        properties.put("logging.level.org.springframework.boot.StartupInfoLogger", "INFO");
        properties.put("spring.jmx.enabled", "false");
        return properties;
    }
}
