// Calls one tool of an MCP server as a task with the official TypeScript SDK client's experimental tasks API
// (client.experimental.tasks, 2025-11-25 tasks utility): lists the tools (which tells the client which ones run as
// tasks, execution.taskSupport), calls the tool with callToolStream (task-augmented tools/call, then tasks/get
// polling and tasks/result), then lists the tasks. With --cancel it cancels the task (tasks/cancel) as soon as it
// was created instead of waiting for its result.
//
// Usage: node tasks-client.mjs URL TOOL [ARGS_JSON] [--cancel]
// Prints one JSON line: { sdkVersion, protocolVersion, taskCapability, taskSupport, messages: [...], listed: [...] }
// where messages are what callToolStream yielded ({type, taskId, status, statusMessage} or {type: 'result', result}
// or {type: 'error', error}). Exits non-zero (message on stderr) on a transport error.
import { loadSdk, fail } from './load-sdk.mjs';

const PREFIX = 'ts-tasks-client';
const [url, tool, argsJson = '{}', ...options] = process.argv.slice(2);
if (!url || !tool) {
  fail(PREFIX, 'usage: tasks-client.mjs URL TOOL [ARGS_JSON] [--cancel]', 2);
}
const cancel = options.includes('--cancel');

const { Client, StreamableHTTPClientTransport, sdkVersion } = await loadSdk(PREFIX);
const client = new Client({ name: PREFIX, version: '1.0.0' },
  { capabilities: { tasks: { list: {}, cancel: {} } } });
try {
  await client.connect(new StreamableHTTPClientTransport(new URL(url)));
  const tools = await client.listTools();
  const listedTool = tools.tools.find((t) => t.name === tool);
  const messages = [];
  let cancelled;
  for await (const message of client.experimental.tasks.callToolStream({ name: tool, arguments: JSON.parse(argsJson) })) {
    if (message.type === 'result') {
      messages.push({ type: 'result', result: message.result });
    } else if (message.type === 'error') {
      messages.push({ type: 'error', error: String(message.error?.message ?? message.error) });
    } else {
      messages.push({ type: message.type, taskId: message.task.taskId, status: message.task.status,
        statusMessage: message.task.statusMessage });
      if (cancel && message.type === 'taskCreated') {
        cancelled = await client.experimental.tasks.cancelTask(message.task.taskId);
      }
    }
  }
  const listed = await client.experimental.tasks.listTasks();
  process.stdout.write(JSON.stringify({
    sdkVersion,
    protocolVersion: client.transport?.protocolVersion ?? null,
    taskCapability: client.getServerCapabilities()?.tasks ?? null,
    taskSupport: listedTool?.execution?.taskSupport ?? null,
    messages,
    cancelled: cancelled ? { taskId: cancelled.taskId, status: cancelled.status } : null,
    listed: listed.tasks.map((t) => ({ taskId: t.taskId, status: t.status })),
  }) + '\n');
  await client.close();
} catch (e) {
  fail(PREFIX, e?.stack ?? String(e));
}
