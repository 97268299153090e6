import { MessageChannel, type MessagePort, receiveMessageOnPort, Worker } from "node:worker_threads";
import type { BatchRunner } from "../guarded-writes.js";

type Rows = { rows: unknown[]; fields: { name: string; dataTypeID: number }[]; affectedRows?: number };
type QueryOptions = { rowMode?: "array" | "object"; parsers?: Record<number, (value: string) => unknown> };
type Reply = { id: number; ok: true; result: unknown } | { id: number; ok: false; error: Record<string, unknown> };

/**
 * The part of PGlite's client that drizzle's PGlite driver calls, backed by the database thread
 * (./worker.js). `ack` statements (the webhook's store of a delivery) go ahead of the others there.
 */
export type ThreadSession = {
  query(sql: string, params?: unknown[], options?: QueryOptions): Promise<Rows>;
  exec(sql: string): Promise<Rows[]>;
  transaction<T>(fn: (tx: ThreadSession) => Promise<T>): Promise<T>;
};

/** One thread's connection to the database thread. */
export type DatabaseConnection = {
  /** Background statements: turns, the outbox, claims, the admin API. */
  session: ThreadSession;
  /** The webhook's store of a delivery. */
  ackSession: ThreadSession;
  /** A guarded transaction in one call (src/db/guarded-writes.ts). */
  batch: BatchRunner;
};

/**
 * What a thread needs to talk to the database thread: its statements go on `port`, those of its
 * open transaction on `syncPort`, whose answers it waits for on `signal` (they are counted there).
 * Transferable, so the service hands one to each thread it starts (`attach`).
 */
export type DatabaseLink = { port: MessagePort; syncPort: MessagePort; signal: SharedArrayBuffer };

export type DatabaseThread = DatabaseConnection & {
  /** A link for another thread of this process (`connectDatabaseThread` there). */
  attach(): DatabaseLink;
  close(): Promise<void>;
};

// Longer than any statement of a turn's transaction; a thread that does not answer is stuck.
const transactionStatementTimeoutMs = 60_000;

// drizzle passes the same parsers object with every run of a statement: read its keys once.
const rawTypesCache = new WeakMap<object, number[]>();
function rawTypesOf(parsers: object): number[] {
  let types = rawTypesCache.get(parsers);
  if (!types) {
    types = Object.keys(parsers).map(Number);
    rawTypesCache.set(parsers, types);
  }
  return types;
}

/** A database error as the thread described it, with PGlite's fields (`code` is the SQLSTATE). */
function rebuildError(fields: Record<string, unknown>): Error {
  const error = new Error(typeof fields.message === "string" ? fields.message : "database error");
  return Object.assign(error, fields);
}

/** Two ends of a link: the database thread's, and the connecting thread's. */
function newLink(): { theirs: DatabaseLink; ours: DatabaseLink } {
  const statements = new MessageChannel();
  const transaction = new MessageChannel();
  const signal = new SharedArrayBuffer(4);
  return {
    theirs: { port: statements.port2, syncPort: transaction.port2, signal },
    ours: { port: statements.port1, syncPort: transaction.port1, signal },
  };
}

/**
 * Starts the embedded database in its own thread, so that SQL runs on a core of its own while the
 * event loop parses webhooks and calls the model and the inbox
 * (docs/decisions/0018-embedded-database-thread.md).
 */
export async function startDatabaseThread(options: {
  dataDir: string;
  /** A dumped data directory to start from (`PGlite.dumpDataDir`). */
  templateFile?: string | undefined;
  /** Session settings, set once: the thread's database is one session. */
  settings: Record<string, string>;
}): Promise<DatabaseThread> {
  const { dataDir, templateFile, settings } = options;
  const { theirs, ours } = newLink();
  const worker = new Worker(new URL("./worker.js", import.meta.url), {
    workerData: { dataDir, templateFile, settings, link: theirs },
    transferList: [theirs.port, theirs.syncPort],
  });
  // Starting can fail (a data directory another process holds, a corrupt template): `openDatabase` throws.
  await new Promise<void>((resolve, reject) => {
    worker.once("error", reject);
    worker.once("message", () => {
      worker.off("error", reject);
      resolve();
    });
  });
  const connection = connectDatabaseThread(ours);
  // A thread that dies takes the database with it: every waiting statement fails, and the error
  // itself (no listener after start) ends the process, whose supervisor restarts it; jobs are durable.
  worker.once("exit", (code) => {
    connection.fail(new Error(`the embedded database thread exited (code ${String(code)})`));
  });
  return {
    ...connection,
    attach() {
      const link = newLink();
      worker.postMessage({ attach: link.theirs }, [link.theirs.port, link.theirs.syncPort]);
      return link.ours;
    },
    async close() {
      if (connection.failed()) return;
      await connection.call({ op: "close", tx: null, ack: false });
      connection.disconnect();
      await worker.terminate();
    },
  };
}

/**
 * This thread's connection over a link from `attach` (or the starting thread's own). The link's
 * port closing means the database thread is gone: waiting statements fail.
 */
export function connectDatabaseThread(link: DatabaseLink) {
  const { port, syncPort } = link;
  const signal = new Int32Array(link.signal);
  const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  let nextId = 1;
  let exited: Error | null = null;

  port.on("message", (reply: Reply) => {
    const waiter = pending.get(reply.id);
    if (!waiter) return;
    pending.delete(reply.id);
    if (reply.ok) waiter.resolve(reply.result);
    else waiter.reject(rebuildError(reply.error));
  });
  const fail = (error: Error) => {
    exited ??= error;
    for (const waiter of pending.values()) waiter.reject(exited);
    pending.clear();
  };
  port.once("close", () => {
    fail(new Error("the embedded database thread exited or closed the link"));
  });

  function call(request: Record<string, unknown>): Promise<unknown> {
    if (exited) return Promise.reject(exited);
    const id = nextId++;
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve, reject });
      port.postMessage({ ...request, id });
    });
  }
  /**
   * A statement of the open transaction: sent, then waited for on this thread. The transaction
   * holds the database until it ends, so its next statement must not wait behind the event
   * loop's other work; this keeps it as short as it was with PGlite on this thread.
   */
  function callInTransaction(request: Record<string, unknown>): Promise<unknown> {
    if (exited) return Promise.reject(exited);
    const id = nextId++;
    syncPort.postMessage({ ...request, id, sync: true });
    const deadline = performance.now() + transactionStatementTimeoutMs;
    // `signal` counts the thread's answers on `syncPort`. Reading the count before looking at the
    // port means an answer posted after the look changes it, so the wait cannot miss it; a wake
    // without this request's answer (or an answer nobody waits for any more) only loops.
    for (;;) {
      const answered = Atomics.load(signal, 0);
      const reply = receiveMessageOnPort(syncPort)?.message as Reply | undefined;
      if (reply?.id === id) return reply.ok ? Promise.resolve(reply.result) : Promise.reject(rebuildError(reply.error));
      if (reply) continue;
      const left = deadline - performance.now();
      if (left <= 0 || Atomics.wait(signal, 0, answered, left) === "timed-out") {
        return Promise.reject(new Error(`the embedded database did not answer within ${String(transactionStatementTimeoutMs)} ms`));
      }
    }
  }

  function session(ack: boolean, tx: number | null): ThreadSession {
    const send = tx === null ? call : callInTransaction;
    return {
      query: (sql, params = [], options = {}) =>
        send({
          op: "query",
          sql,
          params,
          rowMode: options.rowMode,
          // drizzle's parsers keep date and time types as text; the thread applies the same.
          rawTypes: options.parsers ? rawTypesOf(options.parsers) : undefined,
          tx,
          ack,
        }) as Promise<Rows>,
      exec: (sql) => send({ op: "exec", sql, tx, ack }) as Promise<Rows[]>,
      async transaction(fn) {
        if (tx !== null) throw new Error("nested transactions use savepoints through drizzle, not the client");
        const id = (await call({ op: "begin", tx: null, ack })) as number;
        try {
          const result = await fn(session(ack, id));
          await callInTransaction({ op: "commit", tx: id, ack });
          return result;
        } catch (error) {
          // The statement's own error is the one worth reporting; a failed rollback still ends the transaction there.
          if (!exited) await callInTransaction({ op: "rollback", tx: id, ack }).catch(() => undefined);
          throw error;
        }
      },
    };
  }

  return {
    session: session(false, null),
    ackSession: session(true, null),
    batch: (statements: Parameters<BatchRunner>[0]) => call({ op: "batch", statements, tx: null, ack: false }) as ReturnType<BatchRunner>,
    call,
    fail,
    failed: () => exited !== null,
    /** Closes this thread's end; the database thread drops the link (and rolls back its open transaction). */
    disconnect() {
      fail(new Error("the connection to the embedded database is closed"));
      port.close();
      syncPort.close();
    },
  };
}
