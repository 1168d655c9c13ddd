/** The real server as a child process, for tests that kill it with SIGKILL. */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '../..');

export interface ChildServer {
  process: ChildProcess;
  url: string;
  wsUrl: string;
  output: string[];
  kill9(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Starts `server/index.ts` with PORT=0 and resolves with its address once it listens.
 * `nodeArgs` go to node after tsx is loaded (a benchmark's `--import` of a probe).
 */
export function startChildServer(dataDir: string, env: Record<string, string> = {}, nodeArgs: string[] = []): Promise<ChildServer> {
  const child = spawn(process.execPath, ['--import', 'tsx', ...nodeArgs, 'server/index.ts'], {
    cwd: ROOT,
    // DATABASE_URL in the tests' environment is the admin connection (.ci/run): a child uses the
    // embedded store unless the caller passes a database of its own.
    // No checks warm-up unless asked for (CHECKS_WARMUP_RUNS: '' is the server's default).
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'info', DATABASE_URL: '', REDIS_URL: '', CHECKS_WARMUP_RUNS: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    let buffered = '';
    const onData = (chunk: Buffer) => {
      buffered += chunk.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) {
        output.push(line);
        // The plain start-up line is printed at every log level.
        const match = /Second Story is running at (\S+)/.exec(line);
        if (match) {
          const url = match[1]!;
          resolve({
            process: child,
            url,
            wsUrl: url.replace(/^http/, 'ws') + '/collab',
            output,
            async kill9() {
              child.kill('SIGKILL');
              await exited;
            },
            async stop() {
              if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
              await exited;
            },
          });
        }
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    child.once('exit', (code) => reject(new Error(`server exited early (${code}):\n${output.join('\n')}`)));
  });
}
