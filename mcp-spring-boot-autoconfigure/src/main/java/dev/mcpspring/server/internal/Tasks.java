package dev.mcpspring.server.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import dev.mcpspring.protocol.CallToolResult;
import dev.mcpspring.protocol.ClientCapabilities;
import dev.mcpspring.protocol.ErrorCodes;
import dev.mcpspring.protocol.JsonRpcCodec;
import dev.mcpspring.protocol.JsonRpcError;
import dev.mcpspring.protocol.McpException;
import dev.mcpspring.protocol.McpMethods;
import dev.mcpspring.protocol.ProtocolVersion;
import dev.mcpspring.protocol.UrlElicitationRequiredException;
import dev.mcpspring.server.AsyncToolHandler;
import dev.mcpspring.server.InputRequiredException;
import dev.mcpspring.server.McpClientCapabilityException;
import dev.mcpspring.server.McpRequestCancelledException;
import dev.mcpspring.server.ToolInvocation;
import dev.mcpspring.server.ToolRegistry;
import dev.mcpspring.server.ToolSpecification;
import dev.mcpspring.session.MessageSink;
import dev.mcpspring.task.TaskRecord;
import dev.mcpspring.task.TaskStatus;
import dev.mcpspring.task.TaskStore;
import dev.mcpspring.task.TaskStoreFullException;
import dev.mcpspring.task.TaskSupport;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Runs tools as tasks, for both eras: the {@code io.modelcontextprotocol/tasks} extension of 2026-07-28
 * ({@code tasks/get}, {@code tasks/update}, {@code tasks/cancel}; the server decides per call) and the experimental
 * tasks utility of 2025-11-25 ({@code tasks/get}, {@code tasks/result}, {@code tasks/list}, {@code tasks/cancel};
 * the client asks with a {@code task} parameter).
 * <p>
 * A task is created in the {@link TaskStore} before the call is answered with its handle. Its tool runs on this
 * instance, with a {@code PeerHandle} whose questions are the task's ({@link TaskInputs}, {@link LegacyTaskInputs})
 * and whose cancellation is the task's; what other requests do to the task (answers, cancellation), on whichever
 * instance, reaches it as a change in the store.
 */
final class Tasks {

    /** The identifier of the extension. */
    static final String EXTENSION = "io.modelcontextprotocol/tasks";

    private static final Log logger = LogFactory.getLog(Tasks.class);

    private static final Map<String, Object> EMPTY = Map.of();

    /** The requestor of an anonymous session's tasks: the session, followed by its id. */
    private static final String SESSION_REQUESTOR = "session:";

    /** Runs a tool as {@code tools/call} would, answering its failures as tool errors. */
    @FunctionalInterface
    interface ToolRunner {

        CallToolResult run(ToolSpecification tool, ToolInvocation invocation, RequestContext context);
    }

    /** The handle of a task created for a 2026-07-28 call: answered with {@code resultType: "task"}. */
    record TaskCreated(ObjectNode task) {
    }

    private final TaskSettings settings;

    private final TaskStore store;

    private final JsonRpcCodec codec;

    private final ObjectMapper mapper;

    private final DefaultPeerHandle.PeerContext peerContext;

    private final Clock clock;

    /** The tasks whose tools run in this JVM. */
    private final Map<String, TaskRun> runs = new ConcurrentHashMap<>();

    /** How many of them each requestor has. */
    private final RunningTasks running;

    /** The {@code tasks/result} requests of 2025-11-25 clients waiting for their task to end, by task id. */
    private final Map<String, List<ResultWait>> resultWaits = new ConcurrentHashMap<>();

    private volatile @Nullable ScheduledExecutorService timer;

    Tasks(TaskSettings settings, JsonRpcCodec codec, DefaultPeerHandle.PeerContext peerContext, Clock clock) {
        this.settings = settings;
        this.running = new RunningTasks(settings.maxRunningPerRequestor());
        this.store = settings.store();
        this.codec = codec;
        this.mapper = codec.mapper();
        this.peerContext = peerContext;
        this.clock = clock;
        store.addListener(this::changed);
        peerContext.sessions().onSessionEnd(end -> sessionEnded(end.sessionId()));
    }

    /**
     * A session ended: the anonymous tasks it started that run here can no longer be reached by anyone (only their
     * session could see them), so they are cancelled and stop holding threads. (With several instances, a task
     * running on another instance than the one that ended the session runs on to its end or its time-to-live.)
     */
    private void sessionEnded(String sessionId) {
        String requestor = SESSION_REQUESTOR + sessionId;
        for (TaskRun run : runs.values()) {
            if (run.requestor.equals(requestor)) {
                try {
                    store.update(run.taskId, task -> task.status().isTerminal() ? task
                            : task.cancelled("The session that started the task ended", clock.instant()));
                }
                catch (RuntimeException ex) { // the store cannot be reached: the task runs to its end instead
                    logger.debug("Could not cancel task " + run.taskId + " of ended session " + sessionId, ex);
                }
            }
        }
    }

    /** Whether a tool of {@code tools} may run as a task: then the server declares tasks. */
    static boolean anyTaskTool(ToolRegistry tools) {
        for (ToolSpecification tool : tools.list()) {
            if (tool.taskSupport().allowsTasks()) {
                return true;
            }
        }
        return false;
    }

    /** Whether 2025 sessions of {@code version} have the experimental tasks utility. */
    static boolean hasLegacyTasks(@Nullable String version) {
        return ProtocolVersion.V2025_11_25.equals(version);
    }

    /** The 2025-11-25 {@code tasks} server capability. */
    ObjectNode legacyCapability() {
        ObjectNode tasks = mapper.createObjectNode();
        tasks.putObject("list");
        tasks.putObject("cancel");
        tasks.putObject("requests").putObject("tools").putObject("call");
        return tasks;
    }

    // ---------------------------------------------------------------- tools/call

    /**
     * Runs the call as a task when the tool and the client allow it.
     *
     * @return the answer to the call when it became a task (or, for a tool that answers later and was quick, its
     *         result), {@code null} when it runs as an ordinary call
     * @throws McpException -32021 for a 2026-07-28 client without the extension calling a tool that runs only as a
     *                      task; -32601 for a 2025-11-25 call whose {@code task} parameter the tool does not allow (or
     *                      requires and is missing)
     */
    @Nullable Object call(ToolSpecification tool, ObjectNode arguments, RequestContext context,
            @Nullable JsonNode params, ToolRunner runner) {
        String version = context.protocolVersion();
        TaskSupport support = tool.taskSupport();
        String name = tool.tool().name();
        if (ProtocolVersion.isModern(version)) {
            if (!support.allowsTasks()) {
                return null;
            }
            if (!declaresExtension(context.clientCapabilities())) {
                if (support == TaskSupport.REQUIRED) {
                    throw missingExtension("Tool '" + name + "' runs only as a task");
                }
                return null;
            }
            if (tool.handler() instanceof AsyncToolHandler async && context.peer() instanceof DefaultPeerHandle peer
                    && peer.inputChannel() instanceof InputRounds rounds) {
                return startAnsweringLater(tool, async, arguments, context, rounds);
            }
            TaskRecord task = create(tool, context, settings.ttl());
            start(task, tool, arguments, context, runner, new TaskInputs(task.taskId(), store, codec, clock), null);
            return new TaskCreated(TaskWire.modern(task, mapper, false));
        }
        if (hasLegacyTasks(version) && context.sessionId() != null) {
            JsonNode requested = params == null ? null : params.get("task");
            if (requested != null && !requested.isNull() && !requested.isObject()) {
                throw McpException.invalidParams("Invalid params: \"task\" must be an object (optionally with "
                        + "\"ttl\" in milliseconds), not " + requested.getNodeType().name().toLowerCase(Locale.ROOT));
            }
            boolean augmented = requested != null && requested.isObject();
            if (augmented && !support.allowsTasks()) {
                throw new McpException(ErrorCodes.METHOD_NOT_FOUND, "Tool '" + name + "' cannot run as a task (its "
                        + "execution.taskSupport is \"forbidden\"): call it without the \"task\" parameter");
            }
            if (!augmented) {
                if (support == TaskSupport.REQUIRED) {
                    throw new McpException(ErrorCodes.METHOD_NOT_FOUND, "Tool '" + name + "' runs only as a task "
                            + "(its execution.taskSupport is \"required\"): call it with a \"task\" parameter");
                }
                return null;
            }
            TaskRecord task = create(tool, context, settings.ttlFor(requestedTtl(requested.get("ttl"))));
            LegacyTaskInputs inputs = new LegacyTaskInputs(task.taskId(), context.session(), store, codec,
                    peerContext.sender(), clock, this::resultStream);
            start(task, tool, arguments, context, runner, inputs, context.progressToken());
            ObjectNode result = mapper.createObjectNode();
            result.set("task", TaskWire.legacy(task, mapper));
            return result;
        }
        return null;
    }

    /** Creates the task, durably, before the call is answered. */
    private TaskRecord create(ToolSpecification tool, RequestContext context, Duration ttl) {
        String principal = context.principal() != null ? context.principal().getName() : context.session().principal();
        TaskRecord task = TaskRecord.working(UUID.randomUUID().toString(), principal, context.sessionId(),
                context.protocolVersion(), tool.tool().name(), clock.instant(), ttl, settings.pollInterval());
        if (!running.tryStart(requestorOf(task))) {
            if (logger.isDebugEnabled()) {
                logger.debug("Refused to start a task of tool '" + tool.tool().name() + "': its requestor has "
                        + running.maxPerRequestor() + " running");
            }
            throw new McpException(ErrorCodes.INTERNAL_ERROR, "Cannot start a task now: this client already has "
                    + running.maxPerRequestor() + " tasks working or waiting for input, as many as it may "
                    + "(mcp.server.tasks.max-running-per-requestor); wait for one to end or cancel one");
        }
        try {
            store.create(task);
        }
        catch (TaskStoreFullException ex) {
            running.ended(requestorOf(task));
            logger.warn("Refused to start a task of tool '" + tool.tool().name() + "': " + ex.getMessage());
            throw new McpException(ErrorCodes.INTERNAL_ERROR, "Cannot start a task now: " + ex.getMessage());
        }
        catch (RuntimeException ex) {
            running.ended(requestorOf(task));
            throw ex;
        }
        if (logger.isDebugEnabled()) {
            logger.debug("Created task " + task.taskId() + " of tool '" + task.toolName() + "'"
                    + (principal == null ? "" : " for '" + principal + "'"));
        }
        return task;
    }

    /** Runs the tool of a new task on the task executor. */
    private void start(TaskRecord task, ToolSpecification tool, ObjectNode arguments, RequestContext context,
            ToolRunner runner, InputChannel inputs, @Nullable Object progressToken) {
        TaskRun run = new TaskRun(task, inputs);
        RequestContext taskContext = new RequestContext(context.session(), context.request(),
                RequestMeta.of(context.request().params(), mapper), peerContext, null, context.principal(),
                context.transport());
        taskContext.peer(new DefaultPeerHandle(context.session(), null, progressToken, run.cancellation, peerContext,
                inputs, context.transport()));
        track(run, task);
        try {
            settings.executor().execute(() -> execute(run, () -> runner.run(tool,
                    new ToolInvocation(arguments, taskContext), taskContext)));
        }
        catch (RejectedExecutionException ex) {
            untrack(run);
            fail(task.taskId(), new JsonRpcError(ErrorCodes.INTERNAL_ERROR, "The server is too busy to run the task"));
        }
    }

    /**
     * A tool that answers later: the handler runs now, within the call (its questions to the client are rounds of
     * the call, answered before any task exists); when its future is already complete and the tool may also run
     * without a task, the call is answered with the result, else the future becomes the task.
     */
    private Object startAnsweringLater(ToolSpecification tool, AsyncToolHandler handler, ObjectNode arguments,
            RequestContext context, InputRounds rounds) {
        TaskSwitch questions = new TaskSwitch(rounds, Thread.currentThread());
        RequestCancellation cancellation = new RequestCancellation();
        RequestContext callContext = new RequestContext(context.session(), context.request(),
                RequestMeta.of(context.request().params(), mapper), peerContext, context.requestStream(),
                context.principal(), context.transport());
        callContext.scope(context.scope());
        callContext.peer(new DefaultPeerHandle(context.session(), context.requestStream(), context.progressToken(),
                cancellation, peerContext, questions, context.transport()));
        context.peer().onCancel(() -> {
            if (!questions.isDecided()) { // until it is a task, the call's cancellation is the tool's
                cancellation.cancel("the client cancelled the request");
            }
        });
        String name = tool.tool().name();
        CompletableFuture<CallToolResult> future;
        try {
            future = handler.callAsync(new ToolInvocation(arguments, callContext)).toCompletableFuture();
        }
        catch (McpException | InputRequiredException ex) {
            questions.noTask();
            throw ex;
        }
        catch (McpClientCapabilityException ex) {
            questions.noTask();
            throw ex.toProtocolError();
        }
        catch (RuntimeException ex) {
            questions.noTask();
            logger.warn("MCP tool '" + name + "' failed", ex);
            return CallToolResult.error(ToolFailures.describe(name, ex));
        }
        if (future.isDone() && tool.taskSupport() == TaskSupport.OPTIONAL) {
            questions.noTask();
            return outcome(name, future);
        }
        TaskRecord task;
        try {
            task = create(tool, context, settings.ttl());
        }
        catch (RuntimeException ex) {
            questions.noTask();
            future.cancel(true);
            throw ex;
        }
        TaskInputs inputs = new TaskInputs(task.taskId(), store, codec, clock);
        TaskRun run = new TaskRun(task, inputs, cancellation);
        questions.toTask(inputs);
        track(run, task);
        cancellation.onCancel(() -> future.cancel(true));
        future.whenComplete((result, error) -> {
            untrack(run);
            if (error == null) {
                complete(task.taskId(), result == null ? CallToolResult.of() : result);
                return;
            }
            Throwable cause = unwrap(error);
            if (cause instanceof McpException protocolError) {
                endWithProtocolError(run, protocolError);
            }
            else if (cause instanceof McpClientCapabilityException missing) {
                fail(task.taskId(), missing.toProtocolError().toError());
            }
            else {
                if (!(cause instanceof McpRequestCancelledException || cause instanceof CancellationException)) {
                    logger.warn("MCP tool '" + name + "' failed in task " + task.taskId(), cause);
                }
                complete(task.taskId(), CallToolResult.error(ToolFailures.describe(name, cause)));
            }
        });
        return new TaskCreated(TaskWire.modern(task, mapper, false));
    }

    /** The result of a completed future, answered at once. */
    private static CallToolResult outcome(String name, CompletableFuture<CallToolResult> future) {
        try {
            CallToolResult result = future.get();
            return result == null ? CallToolResult.of() : result;
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new McpRequestCancelledException("Interrupted");
        }
        catch (ExecutionException | CancellationException ex) {
            Throwable cause = unwrap(ex);
            if (cause instanceof McpException protocolError) {
                throw protocolError;
            }
            if (cause instanceof McpClientCapabilityException missing) {
                throw missing.toProtocolError();
            }
            if (cause instanceof InputRequiredException question) {
                throw question;
            }
            return CallToolResult.error(ToolFailures.describe(name, cause));
        }
    }

    /** Runs the tool of a task on this thread and records its outcome. */
    private void execute(TaskRun run, Supplier<CallToolResult> work) {
        if (!run.begin(Thread.currentThread())) {
            untrack(run);
            return; // cancelled before it started
        }
        try {
            CallToolResult result = work.get();
            complete(run.taskId, result == null ? CallToolResult.of() : result);
        }
        catch (McpException ex) {
            endWithProtocolError(run, ex);
        }
        catch (RuntimeException ex) {
            logger.error("Task " + run.taskId + " failed", ex);
            fail(run.taskId, new JsonRpcError(ErrorCodes.INTERNAL_ERROR, "Internal error while running the task"));
        }
        finally {
            run.end();
            untrack(run);
        }
    }

    /**
     * Ends a task whose tool threw a protocol error: failed with that error, except in 2026-07-28, which has no
     * -32042 (URL elicitation required) and forbids servers to send it; there the task completes with a tool error
     * saying what the user must complete before calling again, since its tool cannot resume.
     */
    private void endWithProtocolError(TaskRun run, McpException error) {
        if (run.modern && error instanceof UrlElicitationRequiredException required) {
            StringBuilder text = new StringBuilder(required.getMessage())
                .append(". Complete this first, then call the tool again:");
            required.elicitations()
                .forEach(request -> text.append(' ').append(request.message()).append(" (").append(request.url())
                    .append(')'));
            complete(run.taskId, CallToolResult.error(text.toString()));
        }
        else {
            fail(run.taskId, error.toError());
        }
    }

    private void complete(String taskId, CallToolResult result) {
        JsonNode json = codec.toTree(result);
        store.update(taskId, task -> task.completed(json, clock.instant()));
    }

    private void fail(String taskId, JsonRpcError error) {
        JsonNode json = codec.toTree(error);
        store.update(taskId, task -> task.failed(json, "Tool execution failed: " + error.message(), clock.instant()));
    }

    private void track(TaskRun run, TaskRecord task) {
        runs.put(run.taskId, run);
        Instant expiresAt = task.expiresAt();
        if (expiresAt != null) {
            long delay = Math.max(0, expiresAt.toEpochMilli() - clock.millis());
            run.expiry = timer().schedule(() -> run.cancel("the task's time-to-live has passed"), delay,
                    TimeUnit.MILLISECONDS);
        }
    }

    private void untrack(TaskRun run) {
        if (runs.remove(run.taskId, run)) {
            running.ended(run.requestor);
        }
        ScheduledFuture<?> expiry = run.expiry;
        if (expiry != null) {
            expiry.cancel(false);
        }
    }

    private ScheduledExecutorService timer() {
        ScheduledExecutorService current = timer;
        if (current == null) {
            synchronized (this) {
                current = timer;
                if (current == null) {
                    current = Executors.newSingleThreadScheduledExecutor(runnable -> {
                        Thread thread = new Thread(runnable, "mcp-task-timer");
                        thread.setDaemon(true);
                        return thread;
                    });
                    timer = current;
                }
            }
        }
        return current;
    }

    /** A task changed in the store, here or on another instance: its tool may need to learn of it. */
    private void changed(String taskId) {
        TaskRun run = runs.get(taskId);
        List<ResultWait> waits = resultWaits.get(taskId);
        if (run == null && waits == null) {
            return;
        }
        Optional<TaskRecord> task = store.find(taskId);
        if (run != null) {
            if (task.isEmpty()) {
                run.cancel("the task's time-to-live has passed");
            }
            else if (task.get().status() == TaskStatus.CANCELLED) {
                run.cancel("the client cancelled the task");
            }
            else if (run.inputs instanceof TaskInputs inputs) {
                inputs.deliver(task.get());
            }
        }
        if (waits != null && (task.isEmpty() || task.get().status().isTerminal())) {
            waits.forEach(wait -> wait.ended.complete(task.orElse(null)));
        }
    }

    /**
     * Ends every task running here: the server is shutting down. Their tools are cancelled and the tasks fail, so
     * that their clients do not poll for ever.
     */
    void shutdown(String reason) {
        for (TaskRun run : List.copyOf(runs.values())) {
            run.cancel(reason);
            fail(run.taskId, new JsonRpcError(ErrorCodes.INTERNAL_ERROR, "The server instance running the task "
                    + "stopped before it finished: " + reason));
        }
    }

    // ---------------------------------------------------------------- tasks/* methods

    /** Registers the methods of 2025 sessions (2025-11-25 only; others get -32601). */
    void register(Map<String, RequestHandler> handlers) {
        handlers.put(McpMethods.TASKS_GET, this::legacyGet);
        handlers.put(McpMethods.TASKS_RESULT, this::legacyResult);
        handlers.put(McpMethods.TASKS_LIST, this::legacyList);
        handlers.put(McpMethods.TASKS_CANCEL, this::legacyCancel);
    }

    /** Registers the methods of 2026-07-28 clients (the extension has no {@code tasks/result} or {@code tasks/list}). */
    void registerModern(Map<String, RequestHandler> handlers) {
        handlers.remove(McpMethods.TASKS_RESULT);
        handlers.remove(McpMethods.TASKS_LIST);
        handlers.put(McpMethods.TASKS_GET, this::get);
        handlers.put(McpMethods.TASKS_UPDATE, this::update);
        handlers.put(McpMethods.TASKS_CANCEL, this::cancel);
    }

    private Object get(RequestContext context, @Nullable JsonNode params) {
        requireExtension(context, McpMethods.TASKS_GET);
        return TaskWire.modern(visibleTask(context, params, McpMethods.TASKS_GET), mapper, true);
    }

    private Object update(RequestContext context, @Nullable JsonNode params) {
        requireExtension(context, McpMethods.TASKS_UPDATE);
        String taskId = taskId(params, McpMethods.TASKS_UPDATE);
        JsonNode responses = params.get("inputResponses");
        if (responses == null || !responses.isObject()) {
            throw McpException.invalidParams("tasks/update: \"inputResponses\" is required and must be an object "
                    + "mapping the keys of the task's inputRequests to the client's results");
        }
        visibleTask(context, params, McpMethods.TASKS_UPDATE);
        store.update(taskId, task -> task.answered(answersTo(task, (ObjectNode) responses), clock.instant()));
        return EMPTY;
    }

    /**
     * The answers to questions the task asks (answers to others, asked no more or never, are ignored); an answer
     * that is no valid result of its question's method is refused, and with it the whole update, so that the
     * client learns what to send instead of waiting on a task that still asks.
     */
    private ObjectNode answersTo(TaskRecord task, ObjectNode responses) {
        ObjectNode answers = mapper.createObjectNode();
        ObjectNode questions = task.inputRequests();
        if (questions == null) {
            return answers;
        }
        for (String key : responses.propertyNames()) {
            JsonNode question = questions.get(key);
            if (question == null) {
                continue;
            }
            String method = question.path("method").asString();
            JsonNode answer = responses.get(key);
            if (!InputRounds.isWellFormed(method, answer)) {
                String defect = answer == null || !answer.isObject() ? "it is not a JSON object"
                        : ClientResults.defect(method, answer);
                throw McpException.invalidParams("tasks/update: the answer to \"" + key + "\" is not a valid result of "
                        + method + ": " + defect);
            }
            answers.set(key, answer);
        }
        return answers;
    }

    private Object cancel(RequestContext context, @Nullable JsonNode params) {
        requireExtension(context, McpMethods.TASKS_CANCEL);
        TaskRecord task = visibleTask(context, params, McpMethods.TASKS_CANCEL);
        if (!task.status().isTerminal()) { // cancelling an ended task is acknowledged all the same
            store.update(task.taskId(), current -> current.cancelled("Cancelled by the client", clock.instant()));
        }
        return EMPTY;
    }

    private Object legacyGet(RequestContext context, @Nullable JsonNode params) {
        requireLegacy(context, McpMethods.TASKS_GET);
        return TaskWire.legacy(visibleTask(context, params, McpMethods.TASKS_GET), mapper);
    }

    private Object legacyCancel(RequestContext context, @Nullable JsonNode params) {
        requireLegacy(context, McpMethods.TASKS_CANCEL);
        TaskRecord task = visibleTask(context, params, McpMethods.TASKS_CANCEL);
        if (!task.status().isTerminal()) {
            task = store.update(task.taskId(), current -> current.cancelled("The task was cancelled by request.",
                    clock.instant())).orElseThrow(() -> notFound(McpMethods.TASKS_CANCEL));
            if (task.status() == TaskStatus.CANCELLED) {
                return TaskWire.legacy(task, mapper);
            }
        }
        throw McpException.invalidParams("Cannot cancel task: already in terminal status '"
                + TaskWire.legacyStatus(task).wireValue() + "'");
    }

    private Object legacyList(RequestContext context, @Nullable JsonNode params) {
        requireLegacy(context, McpMethods.TASKS_LIST);
        JsonNode cursor = params == null ? null : params.get("cursor");
        if (cursor != null && !cursor.isNull() && !cursor.isString()) {
            throw McpException.invalidParams("tasks/list: \"cursor\" must be a string");
        }
        String principal = principalOf(context);
        List<TaskRecord> tasks = store.list(principal, principal == null ? context.sessionId() : null);
        Pagination.Page<TaskRecord> page = Pagination.page(tasks, Tasks::listKey,
                cursor == null || cursor.isNull() ? null : cursor.asString(), 50);
        ObjectNode result = mapper.createObjectNode();
        var list = result.putArray("tasks");
        page.items().forEach(task -> list.add(TaskWire.legacy(task, mapper)));
        if (page.nextCursor() != null) {
            result.put("nextCursor", page.nextCursor());
        }
        return result;
    }

    /** A key that sorts like the store's list: creation time, then id. */
    private static String listKey(TaskRecord task) {
        return String.format("%020d:%s", task.createdAt().toEpochMilli(), task.taskId());
    }

    /**
     * {@code tasks/result}: waits until the task has ended, then answers what the call would have: its result (with
     * the task in {@code _meta}) or its error. While it waits, questions of the task to the client travel on this
     * request's stream.
     */
    private Object legacyResult(RequestContext context, @Nullable JsonNode params) {
        requireLegacy(context, McpMethods.TASKS_RESULT);
        TaskRecord task = visibleTask(context, params, McpMethods.TASKS_RESULT);
        if (!task.status().isTerminal()) {
            task = awaitEnd(task, context);
        }
        return switch (task.status()) {
            case COMPLETED -> {
                ObjectNode result = task.result() instanceof ObjectNode object ? object.deepCopy()
                        : mapper.createObjectNode();
                JsonNode meta = result.get("_meta");
                ObjectNode metaObject = meta instanceof ObjectNode object ? object : result.putObject("_meta");
                metaObject.putObject(TaskWire.RELATED_TASK).put("taskId", task.taskId());
                yield result;
            }
            case FAILED -> {
                JsonRpcError error = mapper.treeToValue(task.error(), JsonRpcError.class);
                throw new McpException(error.code(), error.message(), error.data());
            }
            default -> throw new McpException(ErrorCodes.REQUEST_CANCELLED, "Request cancelled: the task was "
                    + "cancelled");
        };
    }

    private TaskRecord awaitEnd(TaskRecord task, RequestContext context) {
        ResultWait wait = new ResultWait(context.requestStream());
        List<ResultWait> waits = resultWaits.computeIfAbsent(task.taskId(), id -> new CopyOnWriteArrayList<>());
        waits.add(wait);
        context.peer().onCancel(() -> wait.ended.cancel(false));
        TaskRun run = runs.get(task.taskId());
        if (run != null && run.inputs instanceof LegacyTaskInputs inputs && context.requestStream() != null) {
            inputs.resendOn(context.requestStream()); // questions asked before this request opened
        }
        try {
            while (true) {
                Optional<TaskRecord> current = store.find(task.taskId());
                if (current.isEmpty()) {
                    throw notFound(McpMethods.TASKS_RESULT);
                }
                if (current.get().status().isTerminal()) {
                    return current.get();
                }
                try {
                    TaskRecord ended = wait.ended.get(settings.pollInterval().toMillis() * 5, TimeUnit.MILLISECONDS);
                    if (ended == null) {
                        throw notFound(McpMethods.TASKS_RESULT);
                    }
                    return ended;
                }
                catch (TimeoutException ex) {
                    // look again: a change may have been missed
                }
                catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                    throw new McpRequestCancelledException("Interrupted while waiting for the task");
                }
                catch (CancellationException ex) {
                    throw new McpRequestCancelledException("The request was cancelled while waiting for the task");
                }
                catch (ExecutionException ex) {
                    throw new IllegalStateException(ex.getCause());
                }
            }
        }
        finally {
            waits.remove(wait);
            resultWaits.computeIfPresent(task.taskId(), (id, list) -> list.isEmpty() ? null : list);
        }
    }

    /** The stream of a {@code tasks/result} request waiting for the task, where its questions go, or {@code null}. */
    private @Nullable MessageSink resultStream(String taskId) {
        List<ResultWait> waits = resultWaits.get(taskId);
        if (waits == null) {
            return null;
        }
        for (ResultWait wait : waits) {
            if (wait.stream != null && !wait.ended.isDone()) {
                return wait.stream;
            }
        }
        return null;
    }

    /**
     * Refuses a {@code subscriptions/listen} asking for task status notifications ({@code notifications.taskIds})
     * from a client that did not declare the extension, as the extension requires. A declaring client is
     * acknowledged without {@code taskIds}: this server sends no task notifications, clients poll.
     */
    void checkListen(ModernRequest request) {
        JsonNode params = request.request().params();
        JsonNode taskIds = params == null ? null : params.path("notifications").get("taskIds");
        if (taskIds != null && !taskIds.isNull() && !declaresExtension(request.capabilities())) {
            throw missingExtension("task status notifications (notifications.taskIds) need the tasks extension");
        }
    }

    // ---------------------------------------------------------------- checks

    private TaskRecord visibleTask(RequestContext context, @Nullable JsonNode params, String method) {
        String taskId = taskId(params, method);
        return store.find(taskId)
            .filter(task -> task.isVisibleTo(principalOf(context), context.sessionId()))
            .orElseThrow(() -> notFound(method));
    }

    private static @Nullable String principalOf(RequestContext context) {
        return context.principal() != null ? context.principal().getName() : context.session().principal();
    }

    private static String taskId(@Nullable JsonNode params, String method) {
        JsonNode taskId = params == null ? null : params.get("taskId");
        if (taskId == null || !taskId.isString() || taskId.asString().isEmpty()) {
            throw McpException.invalidParams(method + ": \"taskId\" is required and must be a non-empty string");
        }
        return taskId.asString();
    }

    /** The same answer for a task that does not exist, expired, or is another caller's. */
    private static McpException notFound(String method) {
        return McpException.invalidParams("Failed to retrieve task: Task not found (" + method + "; it does not "
                + "exist, has expired, or belongs to another caller)");
    }

    private static void requireExtension(RequestContext context, String method) {
        if (!declaresExtension(context.clientCapabilities())) {
            throw missingExtension(method + " needs the tasks extension");
        }
    }

    private static void requireLegacy(RequestContext context, String method) {
        if (!hasLegacyTasks(context.protocolVersion()) || context.sessionId() == null) {
            throw McpException.methodNotFound(method);
        }
    }

    /** Whether the client declared the tasks extension (in this request's capabilities, for 2026-07-28). */
    static boolean declaresExtension(@Nullable ClientCapabilities capabilities) {
        return capabilities != null && capabilities.extensions() != null
                && capabilities.extensions().containsKey(EXTENSION);
    }

    /** -32021 naming the tasks extension as the capability the client must declare. */
    static McpException missingExtension(String why) {
        Map<String, Object> data = Map.of("requiredCapabilities", Map.of("extensions", Map.of(EXTENSION, Map.of())));
        return new McpException(ErrorCodes.MISSING_REQUIRED_CLIENT_CAPABILITY, "Missing required client capability: "
                + why + "; declare the extension \"" + EXTENSION + "\" in the request's client capabilities", data);
    }

    private static Throwable unwrap(Throwable error) {
        Throwable cause = error;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    /**
     * The ttl a client asked for, in milliseconds: a number too large for a {@code long} asks for the longest.
     *
     * @throws McpException -32602 when it is not an integer (the schema's {@code TaskMetadata.ttl})
     */
    private static @Nullable Long requestedTtl(@Nullable JsonNode ttl) {
        if (ttl == null || ttl.isNull()) {
            return null;
        }
        if (!ttl.isIntegralNumber() && !(ttl.isFloatingPointNumber() && ttl.asDouble() == Math.rint(ttl.asDouble()))) {
            throw McpException.invalidParams("Invalid params: \"task.ttl\" must be an integer number of milliseconds, "
                    + "not " + ttl);
        }
        return ttl.canConvertToLong() ? ttl.asLong() : ttl.asDouble() > 0 ? Long.MAX_VALUE : null;
    }

    /** Who a task's running counts against: its principal, else its 2025 session, else anonymous 2026 clients. */
    private static String requestorOf(TaskRecord task) {
        return task.principal() != null ? "principal:" + task.principal()
                : task.sessionId() != null ? SESSION_REQUESTOR + task.sessionId() : "anonymous";
    }

    /** A task whose tool runs in this JVM. */
    private static final class TaskRun {

        final String taskId;

        final String requestor;

        final InputChannel inputs;

        final RequestCancellation cancellation;

        /** Whether a 2026-07-28 client started it. */
        final boolean modern;

        volatile @Nullable ScheduledFuture<?> expiry;

        private @Nullable Thread thread; // guarded by this: the thread running the tool, while it runs

        private boolean ended; // guarded by this

        TaskRun(TaskRecord task, InputChannel inputs) {
            this(task, inputs, new RequestCancellation());
        }

        TaskRun(TaskRecord task, InputChannel inputs, RequestCancellation cancellation) {
            this.taskId = task.taskId();
            this.requestor = requestorOf(task);
            this.inputs = inputs;
            this.cancellation = cancellation;
            this.modern = ProtocolVersion.isModern(task.protocolVersion());
        }

        /** The tool starts on {@code thread}; {@code false} when the task was cancelled first. */
        synchronized boolean begin(Thread thread) {
            if (cancellation.isCancelled()) {
                return false;
            }
            this.thread = thread;
            return true;
        }

        synchronized void end() {
            ended = true;
            thread = null;
            Thread.interrupted(); // an interrupt meant for the tool must not reach the executor's next task
        }

        /** Cancels the tool: its cancellation signal, and an interrupt of its thread while it runs. */
        void cancel(String reason) {
            cancellation.cancel(reason);
            synchronized (this) {
                if (thread != null && !ended) {
                    thread.interrupt();
                }
            }
        }
    }

    /** A {@code tasks/result} request waiting for its task to end. */
    private static final class ResultWait {

        final @Nullable MessageSink stream;

        final CompletableFuture<TaskRecord> ended = new CompletableFuture<>();

        ResultWait(@Nullable MessageSink stream) {
            this.stream = stream;
        }
    }
}
