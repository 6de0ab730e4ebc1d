#!/usr/bin/env node
// The handler is installed before anything heavy is imported, so a Ctrl-C during start-up is honoured too.
// Ctrl-C: the first press asks the run to stop after the current checkpoint; the second quits now.
const controller = new AbortController();
let presses = 0;
process.on('SIGINT', () => {
  presses++;
  if (presses === 1) {
    process.stderr.write('\ncurv: stopping after the current checkpoint (Ctrl-C again to quit now)\n');
    controller.abort();
  } else {
    process.exit(130);
  }
});

const { main } = await import('./main.js');
const code = await main(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  signal: controller.signal,
});
process.exitCode = code;
// tfjs' wasm backend keeps no handles open, but a stray timer in a dependency must not keep us alive.
setTimeout(() => process.exit(code), 50).unref();
