// Preloaded (`node --import`) into a vitest run by scripts/node-matrix.ts: vitest itself runs on the
// default Node, and every test worker it forks runs on the Node binary named by CURV_WORKER_NODE. Vitest 4
// (through Vite 8) needs Node ≥ 20.19 for its own process; the code under test only runs in the workers.
import childProcess from 'node:child_process';
import { syncBuiltinESMExports } from 'node:module';

const node = process.env.CURV_WORKER_NODE;
if (node) {
  const fork = childProcess.fork;
  let forks = 0;
  childProcess.fork = function forkOnNode(modulePath, args, options) {
    forks++;
    // fork(modulePath[, args][, options]): args may be omitted.
    if (args !== undefined && !Array.isArray(args))
      return fork.call(this, modulePath, { ...args, execPath: node });
    return fork.call(this, modulePath, args ?? [], { ...options, execPath: node });
  };
  syncBuiltinESMExports();
  process.on('exit', () => {
    process.stderr.write(`[node-matrix] ${forks} vitest worker(s) forked on ${node}\n`);
  });
}
