package dev.mcpspring.docs.tasks;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.mcpspring.protocol.CallToolResult;
import dev.mcpspring.protocol.Tool;
import dev.mcpspring.server.ToolSpecification;
import dev.mcpspring.task.TaskSupport;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

@Configuration(proxyBeanMethods = false)
class HandWrittenTaskTool {

    // tag::spec[]
    @Bean
    ToolSpecification reindexTool(SearchIndex index) {
        ObjectNode schema = (ObjectNode) JsonMapper.shared().readTree("{\"type\": \"object\"}");
        Tool tool = new Tool("reindex", "Reindex", "Rebuilds the search index; takes an hour", schema, null, null,
                null, null);
        return new ToolSpecification(tool, invocation -> CallToolResult.text(index.rebuild() + " documents"))
            .withTaskSupport(TaskSupport.REQUIRED);               // only ever a task
    }
    // end::spec[]

    interface SearchIndex {

        long rebuild();
    }
}
