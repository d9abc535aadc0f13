package dev.mcpspring.actuate;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.actuate.info.Info;
import org.springframework.boot.actuate.info.InfoContributor;

import dev.mcpspring.server.ServerIdentity;

/**
 * The {@code mcp} entry of the {@code info} endpoint: the MCP server's name, title and version as it tells clients,
 * and the protocol revisions it speaks, newest first.
 */
public class McpInfoContributor implements InfoContributor {

    private final ServerIdentity identity;

    private final List<String> protocolVersions;

    /**
     * @param identity         the server's identity
     * @param protocolVersions the protocol revisions the server speaks
     */
    public McpInfoContributor(ServerIdentity identity, List<String> protocolVersions) {
        this.identity = identity;
        this.protocolVersions = List.copyOf(protocolVersions);
    }

    @Override
    public void contribute(Info.Builder builder) {
        Map<String, Object> mcp = new LinkedHashMap<>();
        mcp.put("name", identity.serverInfo().name());
        if (identity.serverInfo().title() != null) {
            mcp.put("title", identity.serverInfo().title());
        }
        mcp.put("version", identity.serverInfo().version());
        mcp.put("protocolVersions", protocolVersions);
        builder.withDetail("mcp", mcp);
    }
}
