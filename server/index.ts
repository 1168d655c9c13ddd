/** Process entry: load config -> start server -> graceful shutdown on SIGINT/SIGTERM. */
import { loadConfig } from './config.ts';
import { createLogger } from './logger.ts';
import { startServer } from './server.ts';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    console.error((err as Error).message);
    process.exit(2);
  }
  const logger = createLogger(config.logLevel);
  process.on('unhandledRejection', (reason) => logger.error('unhandled promise rejection', { error: reason as Error }));

  const server = await startServer(config, logger);
  // Tests and scripts read this line to learn the port (PORT=0 picks a free one).
  logger.info('listening', { url: server.url, dataDir: config.dataDir });
  console.log(`Second Story is running at ${server.url}`);
  // Printed once, on the start that generated it; later starts read it from DATA_DIR/org-token.
  if (server.org.source === 'generated') {
    console.log(`Dashboard token: ${server.org.token}`);
    console.log(`Open the learning dashboard at ${config.publicUrl ?? server.url}/dashboard#org=${server.org.token}`);
  }

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info('shutting down: flushing documents', { signal });
    const force = setTimeout(() => {
      logger.error('shutdown took too long; exiting (the write-ahead log holds every update)');
      process.exit(1);
    }, 10_000);
    force.unref();
    server.close().then(
      () => {
        logger.info('stopped');
        process.exit(0);
      },
      (err: unknown) => {
        logger.error('shutdown failed', { error: err as Error });
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((err: unknown) => {
  console.error(`Second Story could not start: ${(err as Error).message}`);
  process.exit(1);
});
