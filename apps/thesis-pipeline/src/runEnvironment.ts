import { execFileSync } from 'node:child_process';
import { cpus, release, totalmem, type } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { BackendInfo } from '@curv/core';

/** Where and with what a step ran: recorded in every manifest step entry, shown by `curv results`. */
export interface RunEnvironment {
  /** CPU model, logical cores, memory (GiB, one decimal) and operating system. */
  machine: { cpu: string; cores: number; memoryGiB: number; os: string };
  /** `process.version`, e.g. `v20.11.0`. */
  node: string;
  /** tfjs backend (`wasm`, `cpu`, `tensorflow`), with the native kernels on wasm. */
  backend: string;
  /** Git commit of the curv checkout that ran (absent when curv runs from an installed package). */
  commit?: string;
  /** True when the checkout had uncommitted changes. */
  dirty?: boolean;
}

/** CPU model, cores, memory and OS of this machine. */
export function machineInfo(): RunEnvironment['machine'] {
  const list = cpus();
  return {
    cpu: (list[0]?.model ?? 'unknown').replace(/\s+/g, ' ').trim(),
    cores: list.length,
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    os: `${type()} ${release()}`,
  };
}

/** `wasm (native kernels: BatchMatMul, Adam; 2 threads)`, `wasm (no native kernels)`, `cpu`… */
export function describeBackend(info: Pick<BackendInfo, 'backend' | 'native'>): string {
  if (info.backend !== 'wasm') return info.backend;
  const n = info.native;
  if (!n.kernels.length) return 'wasm (no native kernels)';
  return `wasm (native kernels: ${n.kernels.join(', ')}${n.threads ? `; ${n.threads} OpenBLAS threads` : ''})`;
}

let cachedCommit: { commit?: string; dirty?: boolean } | undefined;

/**
 * The git commit of the checkout this file belongs to, and whether it has uncommitted changes in
 * tracked files; empty outside a git checkout (an installed package) or without git.
 */
export function sourceCommit(): { commit?: string; dirty?: boolean } {
  if (cachedCommit) return cachedCommit;
  const cwd = fileURLToPath(new URL('.', import.meta.url));
  const git = (args: string[]) =>
    execFileSync('git', args, {
      cwd,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
      timeout: 10_000,
    });
  try {
    // Only a checkout of curv itself counts (not some repository an installed package sits in).
    const top = git(['rev-parse', '--show-toplevel']).trim();
    const marker = git(['-C', top, 'ls-files', 'apps/thesis-pipeline/package.json']).trim();
    if (!marker) cachedCommit = {};
    else {
      const commit = git(['rev-parse', 'HEAD']).trim();
      const dirty = git(['status', '--porcelain', '--untracked-files=no']).trim() !== '';
      cachedCommit = { commit, dirty };
    }
  } catch {
    cachedCommit = {};
  }
  return cachedCommit;
}

/** This process's {@link RunEnvironment} for a started backend. */
export function runEnvironment(info: Pick<BackendInfo, 'backend' | 'native'>): RunEnvironment {
  return { machine: machineInfo(), node: process.version, backend: describeBackend(info), ...sourceCommit() };
}
