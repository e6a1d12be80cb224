// Runs ASL corpus cases through the npm package aws-local-stepfunctions, all
// in this one process, and prints one JSON line per case folder listed on
// stdin (one path a line):
//   {"case": FOLDER, "status": "SUCCEEDED", "output": ...}
//   {"case": FOLDER, "status": "FAILED" | "TIMED_OUT", "error": ..., "cause": ...}
//   {"case": FOLDER, "status": "INVALID", "reason": "..."}      (constructor refused it)
//   {"case": FOLDER, "status": "UNSUPPORTED", "reason": "..."}  (not run, see below)
//   {"case": FOLDER, "status": "HUNG" | "CRASHED", "reason": "..."}
// The caller (tests/states/peer_crosscheck_test.cc) compares these outcomes
// with each case's expected.json; this script reads expected.json only for
// the Lambda stand-ins ("lambda") and never for the expected outcome.
//
// Harness, so that the peer runs on the same terms as our engine:
// * Lambda stand-ins (tests/states/asl_case.cc): "echo" returns the event,
//   {"returns": V} returns V, {"fails": {"error", "cause"}, "times": n} throws
//   an error named `error` (first n calls, else always). They are attached to
//   each Task state through the peer's `taskResourceLocalHandlers` (keyed by
//   state name). For `arn:aws:states:::lambda:invoke` the handler receives the
//   Parameters ({FunctionName, Payload}) and returns the Invoke response AWS
//   returns ({ExecutedVersion, Payload, SdkHttpMetadata, SdkResponseMetadata,
//   StatusCode}), since the peer knows only direct Lambda ARNs.
// * The peer has no virtual clock, so the worker runs it on one, as our
//   tests run our engine: setTimeout / clearTimeout / Date.now are replaced
//   by a virtual clock starting at 2026-01-05T14:30:00Z that jumps to the
//   next timer whenever no other work is pending (the peer uses nothing else
//   for time). Wait states, Retry intervals, task and execution timeouts and
//   the stand-ins' {"sleeps": seconds} then behave as on our virtual clock.
// * The context object is the one our harness gives (same execution and
//   state machine names and ids, start time 2026-01-05T14:30:00Z).
// * Not run (UNSUPPORTED): `.waitForTaskToken` tasks (the peer has no task
//   tokens) and Task resources other than Lambda (the peer would call AWS).
// * Each case runs in a worker thread; a case that does not finish within
//   HANG_MS (the peer has no history-event limit, so an endless loop never
//   ends) is reported HUNG and the next case runs in a fresh worker.
// * Node 20 lacks Promise.withResolvers, which the peer's Task state uses
//   (it declares node >= 22); a spec-conformant polyfill is installed.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename } from 'node:path';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';

const HANG_MS = 5000;
const START_MS = Date.parse('2026-01-05T14:30:00Z');

if (isMainThread) {
  const folders = readFileSync(0, 'utf8').split('\n').filter((line) => line.length > 0);
  let next = 0;
  const startWorker = () => {
    if (next >= folders.length) return;
    const worker = new Worker(new URL(import.meta.url), {
      workerData: { folders, start: next },
      resourceLimits: { maxOldGenerationSizeMb: 512 },
    });
    let current = null;
    let startedAt = 0;
    let finished = false;
    const report = (record) => console.log(JSON.stringify(record));
    const watchdog = setInterval(() => {
      if (current !== null && Date.now() - startedAt > HANG_MS) {
        finished = true;
        clearInterval(watchdog);
        report({ case: folders[current], status: 'HUNG', reason: `no result after ${HANG_MS} ms` });
        next = current + 1;
        worker.terminate().then(startWorker);
      }
    }, 200);
    worker.on('message', (message) => {
      if (message.type === 'start') {
        current = message.index;
        startedAt = Date.now();
      } else {
        report(message.record);
        current = null;
        next = message.index + 1;
      }
    });
    const end = (reason) => {
      if (finished) return;
      finished = true;
      clearInterval(watchdog);
      if (current !== null) {
        report({ case: folders[current], status: 'CRASHED', reason });
        next = current + 1;
      }
      startWorker();
    };
    worker.on('error', (e) => end(String(e?.message ?? e)));
    worker.on('exit', (code) => end(`worker exited with code ${code}`));
  };
  startWorker();
} else {
  if (typeof Promise.withResolvers !== 'function') {
    Promise.withResolvers = function withResolvers() {
      let resolve;
      let reject;
      const promise = new this((res, rej) => {
        resolve = res;
        reject = rej;
      });
      return { promise, resolve, reject };
    };
  }
  const clock = installVirtualClock();
  const require = createRequire(import.meta.url);
  require('./shared_ajv.cjs'); // one compiled Ajv per asl-validator version; see there
  const { StateMachine, ExecutionTimeoutError } = await import('aws-local-stepfunctions');
  // Compile the validator's schemas before the watchdog starts timing cases.
  new StateMachine({ StartAt: 'W', States: { W: { Type: 'Succeed' } } });
  const { folders, start } = workerData;
  for (let index = start; index < folders.length; index++) {
    clock.reset();
    parentPort.postMessage({ type: 'start', index });
    let record;
    try {
      record = await runCase(folders[index], StateMachine, ExecutionTimeoutError);
    } catch (e) {
      record = { status: 'CRASHED', reason: `harness: ${e?.stack ?? e}` };
    }
    parentPort.postMessage({ type: 'result', index, record: { case: folders[index], ...record } });
  }
}

// Replaces the timer functions and Date.now of this worker with a virtual
// clock: a timer fires when nothing else is left to run (setImmediate runs
// only once the microtask queue is empty), and time jumps to its due time.
function installVirtualClock() {
  const realSetImmediate = setImmediate;
  let now = START_MS;
  let sequence = 0;
  let pumping = false;
  const timers = new Map(); // id -> {due, fn, args}; ids grow, so ties fire in order
  const pump = () => {
    pumping = false;
    let nextId = null;
    for (const [id, timer] of timers) {
      if (nextId === null || timer.due < timers.get(nextId).due) nextId = id;
    }
    if (nextId === null) return;
    const timer = timers.get(nextId);
    timers.delete(nextId);
    now = Math.max(now, timer.due);
    schedule();
    timer.fn(...timer.args);
  };
  const schedule = () => {
    if (!pumping && timers.size > 0) {
      pumping = true;
      realSetImmediate(pump);
    }
  };
  globalThis.setTimeout = (fn, ms = 0, ...args) => {
    const id = ++sequence;
    timers.set(id, { due: now + Math.max(0, Number(ms) || 0), fn, args });
    schedule();
    return id;
  };
  globalThis.clearTimeout = (id) => {
    timers.delete(id);
  };
  Date.now = () => now;
  return {
    reset() {
      timers.clear();
      now = START_MS;
    },
  };
}

function readJson(path) {
  return JSON.parse(readFileSync(path, 'utf8'));
}

// Every state of the machine and of its branches and item processors.
function* allStates(machine) {
  for (const [name, state] of Object.entries(machine?.States ?? {})) {
    yield [name, state];
    for (const branch of state.Branches ?? []) yield* allStates(branch);
    if (state.ItemProcessor) yield* allStates(state.ItemProcessor);
    if (state.Iterator) yield* allStates(state.Iterator);
  }
}

function functionName(nameOrArn) {
  const at = nameOrArn.indexOf(':function:');
  if (at < 0) return nameOrArn;
  return nameOrArn.slice(at + ':function:'.length).split(':')[0];
}

function standIn(behaviour) {
  let calls = 0;
  return async (event) => {
    calls += 1;
    if (behaviour !== null && typeof behaviour === 'object') {
      if (behaviour.sleeps !== undefined)
        await new Promise((resolve) => setTimeout(resolve, behaviour.sleeps * 1000));
      if (behaviour.fails && (behaviour.times === undefined || calls <= behaviour.times)) {
        const error = new Error(behaviour.fails.cause ?? '');
        error.name = behaviour.fails.error ?? '';
        throw error;
      }
      if ('returns' in behaviour) return structuredClone(behaviour.returns);
    }
    return event;
  };
}

async function runCase(folder, StateMachine, ExecutionTimeoutError) {
  const definition = readJson(`${folder}/definition.json`);
  const input = readJson(`${folder}/input.json`);
  const lambdas = readJson(`${folder}/expected.json`).lambda ?? {};
  const functions = Object.fromEntries(
    Object.entries(lambdas).map(([name, behaviour]) => [name, standIn(behaviour)]),
  );
  const call = (name, event) => {
    const fn = functions[name];
    if (!fn) {
      const error = new Error(`Function not found: ${name}`);
      error.name = 'Lambda.ResourceNotFoundException';
      throw error;
    }
    return fn(event);
  };

  let machine;
  try {
    machine = new StateMachine(definition);
  } catch (e) {
    return { status: 'INVALID', reason: String(e?.message ?? e) };
  }
  const taskResourceLocalHandlers = {};
  for (const [name, state] of allStates(definition)) {
    if (state.Type !== 'Task' || typeof state.Resource !== 'string') continue;
    const resource = state.Resource;
    if (resource.endsWith('.waitForTaskToken'))
      return { status: 'UNSUPPORTED', reason: 'task tokens (.waitForTaskToken)' };
    if (resource === 'arn:aws:states:::lambda:invoke') {
      taskResourceLocalHandlers[name] = async (parameters) => ({
        ExecutedVersion: '$LATEST',
        Payload: await call(functionName(String(parameters?.FunctionName)), parameters?.Payload ?? {}),
        SdkHttpMetadata: { HttpStatusCode: 200 },
        SdkResponseMetadata: { RequestId: `${basename(folder)}:${name}` },
        StatusCode: 200,
      });
    } else if (resource.startsWith('arn:aws:lambda:')) {
      taskResourceLocalHandlers[name] = async (event) => call(functionName(resource), event);
    } else {
      return { status: 'UNSUPPORTED', reason: `Task resource ${resource} (not Lambda)` };
    }
  }

  const caseName = basename(folder);
  const machineName = `machine-${caseName}`;
  const executionName = `conformance-${caseName}`;
  const context = {
    Execution: {
      Id: `arn:aws:states:us-east-1:000000000000:execution:${machineName}:${executionName}`,
      Input: input,
      Name: executionName,
      RoleArn: 'arn:aws:iam::000000000000:role/ae-local-states',
      StartTime: '2026-01-05T14:30:00.000Z',
      RedriveCount: 0,
    },
    StateMachine: {
      Id: `arn:aws:states:us-east-1:000000000000:stateMachine:${machineName}`,
      Name: machineName,
    },
  };

  const execution = machine.run(input, {
    overrides: { taskResourceLocalHandlers },
    context,
  });
  try {
    const output = await execution.result;
    return { status: 'SUCCEEDED', output: output === undefined ? null : output };
  } catch (e) {
    if (e instanceof ExecutionTimeoutError)
      return { status: 'TIMED_OUT', error: 'States.Timeout', cause: null };
    const cause = e?.cause ?? e;
    return { status: 'FAILED', error: cause?.name ?? null, cause: cause?.message ?? null };
  }
}
