package dev.mcpspring.conformance;

import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.stereotype.Component;

import dev.mcpspring.protocol.CallToolResult;
import dev.mcpspring.protocol.GetPromptResult;
import dev.mcpspring.protocol.McpJsonMapper;
import dev.mcpspring.protocol.Prompt;
import dev.mcpspring.protocol.PromptMessage;
import dev.mcpspring.protocol.Tool;
import dev.mcpspring.server.PromptRegistry;
import dev.mcpspring.server.PromptSpecification;
import dev.mcpspring.server.ToolRegistry;
import dev.mcpspring.server.ToolSpecification;
import tools.jackson.databind.node.ObjectNode;

/**
 * The tool and the prompt that the fixtures add and remove at run time, so that {@code tools/list} and
 * {@code prompts/list} change (see {@link ListChanges} for how a change reaches every node).
 */
@Component
public class DynamicLists {

    /** What changes. */
    public enum Kind {

        TOOL("test_dynamic_tool"), PROMPT("test_dynamic_prompt");

        private final String itemName;

        Kind(String itemName) {
            this.itemName = itemName;
        }

        /** The name of the tool or prompt. */
        public String itemName() {
            return itemName;
        }
    }

    private static final ObjectNode EMPTY_OBJECT_SCHEMA = McpJsonMapper.create().createObjectNode().put("type",
            "object");

    private final ToolRegistry tools;

    private final PromptRegistry prompts;

    private final AtomicInteger promptsServed = new AtomicInteger();

    public DynamicLists(ToolRegistry tools, PromptRegistry prompts) {
        this.tools = tools;
        this.prompts = prompts;
    }

    /** Whether the tool or prompt is registered on this node. */
    public boolean isPresent(Kind kind) {
        return switch (kind) {
            case TOOL -> tools.find(kind.itemName()).isPresent();
            case PROMPT -> prompts.find(kind.itemName()).isPresent();
        };
    }

    /** Adds or removes the tool or prompt on this node; nothing when it already is as asked. */
    public synchronized void set(Kind kind, boolean present) {
        if (present == isPresent(kind)) {
            return;
        }
        if (!present) {
            if (kind == Kind.TOOL) {
                tools.remove(kind.itemName());
            }
            else {
                prompts.remove(kind.itemName());
            }
        }
        else if (kind == Kind.TOOL) {
            tools.add(new ToolSpecification(new Tool(kind.itemName(), null, "A tool added at run time",
                    EMPTY_OBJECT_SCHEMA, null, null, null, null), invocation -> CallToolResult.text("dynamic")));
        }
        else {
            prompts.add(new PromptSpecification(new Prompt(kind.itemName(), null, "A prompt added at run time", null,
                    null, null),
                    invocation -> GetPromptResult.of(PromptMessage.user("dynamic " + promptsServed.incrementAndGet()))));
        }
    }
}
