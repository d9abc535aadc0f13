package dev.mcpspring.docs.tasks;

import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Stand-ins for the collaborators of the tasks page's examples. */
@Configuration(proxyBeanMethods = false)
class TaskExamplesTestBeans {

    @Bean
    ExportTools.Warehouse warehouse() {
        return new ExportTools.Warehouse() {

            @Override
            public List<String> orders(int year) {
                return List.of("1," + year);
            }

            @Override
            public String store(int year, String csv) {
                return "orders-" + year + ".csv";
            }
        };
    }

    @Bean
    PipelineTools.CiServer ciServer() {
        return branch -> CompletableFuture.completedFuture(new PipelineTools.PipelineRun("1", "passed"));
    }

    @Bean
    HandWrittenTaskTool.SearchIndex searchIndex() {
        return () -> 42;
    }
}
