package dev.mcpspring.docs.tasks;

import java.util.List;

import org.springframework.stereotype.Component;

import dev.mcpspring.annotation.McpTool;
import dev.mcpspring.server.PeerHandle;
import dev.mcpspring.server.TypedElicitationResult;
import dev.mcpspring.task.TaskSupport;

@Component
class ExportTools {

    private final Warehouse warehouse;

    ExportTools(Warehouse warehouse) {
        this.warehouse = warehouse;
    }

    // tag::task-tool[]
    @McpTool(description = "Export a year of orders as CSV; takes minutes", task = TaskSupport.OPTIONAL)
    String exportOrders(int year, PeerHandle peer) {
        List<String> orders = warehouse.orders(year);
        if (orders.size() > 100_000) {
            record Go(boolean go) {}
            TypedElicitationResult<Go> answer = peer.elicit(orders.size() + " orders: export all?", Go.class);
            if (!answer.isAccepted() || !answer.content().go()) {   // the task waits for the answer
                return "not exported";
            }
        }
        StringBuilder csv = new StringBuilder();
        for (int i = 0; i < orders.size() && !peer.isCancelled(); i++) {
            csv.append(orders.get(i)).append('\n');
            if (i % 1000 == 0) {
                peer.progress(i, (double) orders.size(), "exported " + i + " orders");   // the task's statusMessage
            }
        }
        return peer.isCancelled() ? "cancelled" : warehouse.store(year, csv.toString());
    }
    // end::task-tool[]

    interface Warehouse {

        List<String> orders(int year);

        String store(int year, String csv);
    }
}
