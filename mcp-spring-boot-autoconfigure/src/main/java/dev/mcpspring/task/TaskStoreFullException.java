package dev.mcpspring.task;

/** Thrown by {@link TaskStore#create} when the store holds as many tasks as it may. */
public class TaskStoreFullException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public TaskStoreFullException(String message) {
        super(message);
    }
}
