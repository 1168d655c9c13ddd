/**
 * The one reader of process.env: a typed configuration with defaults, validated once at start-up.
 * Everything else receives a Config.
 */
import path from 'node:path';
import proxyaddr from 'proxy-addr';
import { z } from 'zod';

/**
 * Which proxies in front of the server may say who the client is (X-Forwarded-For), with
 * Express's `trust proxy` meaning: false (none), a number of hops, or proxy addresses/subnets.
 */
export type TrustProxy = false | number | readonly string[];

/** True when proxy-addr (what Express uses) takes the entry: an address, a subnet, or loopback / linklocal / uniquelocal. */
function isProxyRange(entry: string): boolean {
  try {
    proxyaddr.compile(entry);
    return true;
  } catch {
    return false;
  }
}

const trustProxy = z.string().transform((value, ctx): TrustProxy => {
  const v = value.trim().toLowerCase();
  if (['false', 'no', 'off', '0'].includes(v)) return false;
  if (/^\d{1,2}$/.test(v)) return Number(v);
  const entries = v.split(',').map((e) => e.trim()).filter(Boolean);
  if (['true', 'yes', 'on'].includes(v) || entries.length === 0 || !entries.every(isProxyRange)) {
    ctx.addIssue({
      code: 'custom',
      // "true" would believe whatever a client writes in X-Forwarded-For.
      message: 'give the number of proxies in front of the server (e.g. 1) or their addresses/subnets (e.g. 10.0.0.0/8,loopback)',
    });
    return z.NEVER;
  }
  return entries;
});

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const schema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATA_DIR: z.string().min(1).default('./data'),
  /** When set, documents and everything else are kept in this PostgreSQL database instead of DATA_DIR. */
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\/\S+$/, 'must be a postgres:// or postgresql:// URL').optional(),
  /** When set (with DATABASE_URL), several server processes share documents live through this Redis. */
  REDIS_URL: z.string().regex(/^rediss?:\/\/\S+$/, 'must be a redis:// or rediss:// URL').optional(),
  /** Prefix of the Redis channel names: only processes with the same prefix share documents. */
  REDIS_PREFIX: z.string().regex(/^\S{1,100}$/, 'must be 1-100 characters without spaces').default('second-story:'),
  /** Guards the learning dashboard; when unset, one is generated on first start and kept in DATA_DIR/org-token. */
  ORG_TOKEN: z
    .string()
    .trim()
    .min(16, 'must be at least 16 characters')
    .max(200, 'must be at most 200 characters')
    .regex(/^\S+$/, 'must not contain spaces')
    .optional(),
  /** Origin used in share links; by default the one the request came to. */
  PUBLIC_URL: z.url().optional(),
  /** Largest collaboration frame accepted, in bytes; bigger frames close the socket with 1009. */
  MAX_MESSAGE_BYTES: z.coerce.number().int().min(1024).default(4 * 1024 * 1024),
  /** Largest HTTP JSON body. */
  BODY_LIMIT_BYTES: z.coerce.number().int().min(1024).default(256 * 1024),
  PING_INTERVAL_MS: z.coerce.number().int().min(100).default(30_000),
  /** How long an idle document stays in memory after its last client leaves. */
  UNLOAD_DELAY_MS: z.coerce.number().int().min(0).default(5_000),
  /** Compact the write-ahead log into the snapshot after this many updates. */
  COMPACT_AFTER_UPDATES: z.coerce.number().int().min(1).default(1_000),
  /** fsync every log append: survives power loss, not only process crashes, at a latency cost. */
  WAL_FSYNC: bool.default(false),
  /** Quiet time after the last edit before the blameless checks run on the server. */
  CHECKS_SETTLE_MS: z.coerce.number().int().min(0).default(1_000),
  /** Sample checks the checks worker runs as the server starts, so V8 has compiled the engine before real ones (0: none, start it lazily). */
  CHECKS_WARMUP_RUNS: z.coerce.number().int().min(0).default(400),
  /** How long an imported Markdown file may take to read (on a worker thread) before it is refused. */
  IMPORT_TIME_LIMIT_MS: z.coerce.number().int().min(100).default(10_000),
  /** Anonymous notes accepted per postmortem per 10 minutes (counted per postmortem, never per person). */
  NOTES_PER_10_MIN: z.coerce.number().int().min(1).default(30),
  /** Browser origins allowed to open the collaboration socket, comma-separated; empty means same origin only. */
  ALLOWED_ORIGINS: z.string().default(''),
  /** Failed token uses and upgrades from one address per minute before it must wait. */
  AUTH_FAILURES_PER_MIN: z.coerce.number().int().min(1).default(30),
  /** Proxies whose X-Forwarded-For names the client for the failure limit; off: the connecting address. */
  TRUST_PROXY: trustProxy.default(false),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
  /** Folder of the built web app. */
  CLIENT_DIR: z.string().min(1).default('./dist/client'),
});

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  /** The PostgreSQL store's connection URL; undefined means the embedded store in dataDir. */
  databaseUrl: string | undefined;
  /** Redis for several processes sharing documents; undefined means a single process. */
  redisUrl: string | undefined;
  redisPrefix: string;
  /** The organisation token from the environment; undefined means: use (or create) DATA_DIR/org-token. */
  orgToken: string | undefined;
  publicUrl: string | undefined;
  maxMessageBytes: number;
  bodyLimitBytes: number;
  pingIntervalMs: number;
  unloadDelayMs: number;
  compactAfterUpdates: number;
  walFsync: boolean;
  checksSettleMs: number;
  checksWarmUpRuns: number;
  importTimeLimitMs: number;
  notesPerWindow: number;
  allowedOrigins: string[];
  authFailuresPerMinute: number;
  /** Proxies believed about the client address (X-Forwarded-For); false: the socket's peer is the client. */
  trustProxy: TrustProxy;
  logLevel: 'debug' | 'info' | 'warn' | 'error' | 'silent';
  clientDir: string;
}

/** Reads and validates the environment; throws one readable error listing every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = schema.safeParse(present);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const c = parsed.data;
  // Processes share documents through PostgreSQL; Redis only carries the news.
  if (c.REDIS_URL && !c.DATABASE_URL) throw new Error('Invalid configuration:\n  REDIS_URL: needs DATABASE_URL (several processes keep documents in PostgreSQL)');
  return {
    port: c.PORT,
    host: c.HOST,
    dataDir: path.resolve(c.DATA_DIR),
    databaseUrl: c.DATABASE_URL,
    redisUrl: c.REDIS_URL,
    redisPrefix: c.REDIS_PREFIX,
    orgToken: c.ORG_TOKEN,
    publicUrl: c.PUBLIC_URL?.replace(/\/$/, ''),
    maxMessageBytes: c.MAX_MESSAGE_BYTES,
    bodyLimitBytes: c.BODY_LIMIT_BYTES,
    pingIntervalMs: c.PING_INTERVAL_MS,
    unloadDelayMs: c.UNLOAD_DELAY_MS,
    compactAfterUpdates: c.COMPACT_AFTER_UPDATES,
    walFsync: c.WAL_FSYNC,
    checksSettleMs: c.CHECKS_SETTLE_MS,
    checksWarmUpRuns: c.CHECKS_WARMUP_RUNS,
    importTimeLimitMs: c.IMPORT_TIME_LIMIT_MS,
    notesPerWindow: c.NOTES_PER_10_MIN,
    allowedOrigins: c.ALLOWED_ORIGINS.split(',').map((o) => o.trim().replace(/\/$/, '')).filter(Boolean),
    authFailuresPerMinute: c.AUTH_FAILURES_PER_MIN,
    trustProxy: c.TRUST_PROXY,
    logLevel: c.LOG_LEVEL,
    clientDir: path.resolve(c.CLIENT_DIR),
  };
}

/** A configuration for tests and tools: defaults plus overrides, no environment. */
export function testConfig(overrides: Partial<Config> = {}): Config {
  return { ...loadConfig({}), port: 0, logLevel: 'silent', ...overrides };
}
