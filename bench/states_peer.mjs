// The peer for bench/states_bench.cc: aws-local-stepfunctions (npm) running
// the same three machines on Node. Prints one JSON line per benchmark with
// its transitions per wall-clock second and per CPU second (user + system of
// this process). Run by bench/states_vs_peer.sh.
import { StateMachine } from 'aws-local-stepfunctions';

function passChain(length) {
  const states = {};
  for (let i = 0; i < length; i++) {
    states[`S${i}`] = i + 1 < length ? { Type: 'Pass', Next: `S${i + 1}` } : { Type: 'Pass', End: true };
  }
  return { StartAt: 'S0', States: states };
}

const map = {
  StartAt: 'M',
  States: {
    M: {
      Type: 'Map', ItemsPath: '$.items', End: true,
      ItemProcessor: { StartAt: 'P', States: { P: { Type: 'Pass', End: true } } },
    },
  },
};

const loop = {
  StartAt: 'Poll',
  States: {
    Poll: { Type: 'Pass', Parameters: { 'n.$': 'States.MathAdd($.n, 1)' }, Next: 'Done?' },
    'Done?': {
      Type: 'Choice', Default: 'Sleep',
      Choices: [{ Variable: '$.n', NumericGreaterThanEquals: 1000, Next: 'Finished' }],
    },
    Sleep: { Type: 'Wait', Seconds: 60, Next: 'Poll' },
    Finished: { Type: 'Succeed' },
  },
};

async function measure(name, definition, input, transitions, runs) {
  const machine = new StateMachine(definition, { validationOptions: { checkPaths: false } });
  const options = { overrides: { waitTimeOverrides: { Sleep: 0 } } };
  await machine.run(input, options).result;  // warm up
  const start = process.hrtime.bigint();
  const cpuStart = process.cpuUsage();
  for (let i = 0; i < runs; i++) await machine.run(input, options).result;
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const cpu = process.cpuUsage(cpuStart);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  console.log(JSON.stringify({
    benchmark: name,
    transitions_per_second: (transitions * runs) / seconds,
    transitions_per_cpu_second: (transitions * runs) / cpuSeconds,
  }));
}

const items = Array.from({ length: 10000 }, (_, i) => i);
await measure('PassChain1000', passChain(1000), {}, 1000, 20);
await measure('Map10000', map, { items }, 10001, 3);
await measure('ChoiceWaitLoop', loop, { n: 0 }, 2999, 5);
