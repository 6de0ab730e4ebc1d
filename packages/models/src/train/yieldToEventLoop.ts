type Schedule = (callback: () => void) => unknown;

const schedule: Schedule | undefined = (globalThis as { setImmediate?: Schedule }).setImmediate;

/**
 * Resolve after the event loop has run once (a macrotask, not a microtask), so that pending events
 * — a Ctrl-C signal, I/O, timers — are handled between two pieces of synchronous tensor work.
 * `setImmediate` where it exists (Node: costs microseconds), otherwise a `MessageChannel` message
 * or a zero timeout (browsers).
 */
export function yieldToEventLoop(): Promise<void> {
  if (schedule) return new Promise((resolve) => schedule(resolve));
  if (typeof MessageChannel !== 'undefined') {
    return new Promise((resolve) => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => {
        channel.port1.close();
        resolve();
      };
      channel.port2.postMessage(null);
    });
  }
  return new Promise((resolve) => setTimeout(resolve, 0));
}
