package dev.mcpspring.autoconfigure;

import java.util.List;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;

import dev.mcpspring.server.PromptRegistry;
import dev.mcpspring.server.ResourceRegistry;
import dev.mcpspring.server.ResourceTemplateRegistry;
import dev.mcpspring.server.ServerIdentity;
import dev.mcpspring.server.ToolRegistry;

/**
 * One INFO line once the application is ready: which MCP server listens where, with what, in which protocol
 * revisions. A tool that is missing from the count (its class not a bean, say) shows at a glance.
 */
class McpStartupReport implements ApplicationListener<ApplicationReadyEvent> {

    private static final Log logger = LogFactory.getLog(McpStartupReport.class);

    private final ServerIdentity identity;

    private final String transport;

    private final List<String> protocolVersions;

    private final ToolRegistry tools;

    private final ResourceRegistry resources;

    private final ResourceTemplateRegistry templates;

    private final PromptRegistry prompts;

    McpStartupReport(ServerIdentity identity, String transport, List<String> protocolVersions, ToolRegistry tools,
            ResourceRegistry resources, ResourceTemplateRegistry templates, PromptRegistry prompts) {
        this.identity = identity;
        this.transport = transport;
        this.protocolVersions = List.copyOf(protocolVersions);
        this.tools = tools;
        this.resources = resources;
        this.templates = templates;
        this.prompts = prompts;
    }

    @Override
    public void onApplicationEvent(ApplicationReadyEvent event) {
        if (logger.isInfoEnabled()) {
            logger.info(line());
        }
    }

    /** {@code MCP server 'weather' 1.0.0 on Streamable HTTP at /mcp: 3 tools, ...; protocol revisions ...}. */
    String line() {
        return "MCP server '" + identity.serverInfo().name() + "' " + identity.serverInfo().version() + " on "
                + transport + ": " + count(tools.list().size(), "tool") + ", "
                + count(resources.list().size(), "resource") + ", "
                + count(templates.list().size(), "resource template") + ", " + count(prompts.list().size(), "prompt")
                + "; protocol revisions " + String.join(", ", protocolVersions);
    }

    private static String count(int count, String what) {
        return count + " " + what + (count == 1 ? "" : "s");
    }
}
