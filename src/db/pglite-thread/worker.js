// @ts-check
// The embedded database's own thread (docs/decisions/0018-embedded-database-thread.md). Plain
// JavaScript on purpose: a worker starts without the TypeScript loader the service runs under, in
// `npm start`, the tests and the benches alike.
import { readFileSync } from "node:fs";
import { parentPort, receiveMessageOnPort, workerData } from "node:worker_threads";
import { PGlite } from "@electric-sql/pglite";
import { vector } from "@electric-sql/pglite-pgvector";
import { createPreparedStatements } from "./prepared-statements.js";

if (!parentPort) throw new Error("the embedded database thread must run as a worker");
const port = parentPort;

/**
 * Each thread that talks to the database has its own link: `port` for statements, `syncPort` for
 * those of its open transaction, which it waits for on `signal`.
 * @typedef {import("node:worker_threads").MessagePort} MessagePort
 * @typedef {{ port: MessagePort, syncPort: MessagePort, signal: SharedArrayBuffer }} Link
 * @typedef {{ port: MessagePort, syncPort: MessagePort, signal: Int32Array }} Client
 */

/** @type {{ dataDir: string, templateFile: string | undefined, settings: Record<string, string>, link: Link }} */
const { dataDir, templateFile, settings, link } = workerData;

// A template is a dumped data directory (`dumpDataDir`) to start from instead of an empty one.
const loadDataDir = templateFile ? new Blob([readFileSync(templateFile)]) : undefined;
const pg = await PGlite.create(dataDir, { extensions: { vector }, ...(loadDataDir && { loadDataDir }) });
for (const [name, value] of Object.entries(settings)) await pg.query(`SELECT set_config($1, $2, false)`, [name, value]);
const prepared = createPreparedStatements(pg);

/**
 * `client` is set here, on arrival: ids are unique per client, not across clients.
 * @typedef {{ id: number, tx: number | null, ack: boolean, sync?: boolean, client: Client }} Routing
 * @typedef {Routing & ({ op: "query", sql: string, params: unknown[], rowMode?: "array" | "object", rawTypes?: number[] }
 *   | { op: "exec", sql: string } | { op: "begin" } | { op: "commit" | "rollback" } | { op: "close" }
 *   | { op: "batch", statements: SqlStatement[] })} Request
 * @typedef {import("../guarded-writes.js").SqlStatement} SqlStatement
 * @typedef {{ query: PGlite["query"], exec: PGlite["exec"] }} Session
 */

/** Acknowledgements (a webhook's store) go first; everything else in arrival order. */
/** @type {Request[]} */
const acks = [];
/** @type {Request[]} */
const background = [];
/** Statements of the open transaction: nothing else may run until it ends. @type {Request[]} */
let inTransaction = [];
/** @type {{ id: number, client: Client, session: Session, end: (commit: boolean) => Promise<void> } | null} */
let open = null;
/** @type {Client[]} */
const clients = [];
// After each acknowledgement one background request may pass, so a flood of webhooks slows
// processing down but cannot stop it.
let owed = false;
let running = false;

/** @returns {Request | undefined} */
function next() {
  if (open) return inTransaction.shift();
  if (acks.length > 0 && (!owed || background.length === 0)) {
    owed = true;
    return acks.shift();
  }
  owed = false;
  return background.shift();
}

/** drizzle passes identity parsers for date and time types (it parses them itself): keep them text. */
const keepText = (/** @type {string} */ v) => v;
/** Built once per set of types, not per statement. @type {Map<string, Record<number, typeof keepText>>} */
const parsersByTypes = new Map();
/** @param {number[] | undefined} types */
function rawParsers(types) {
  if (!types) return undefined;
  const key = types.join(",");
  let parsers = parsersByTypes.get(key);
  if (!parsers) {
    parsers = Object.fromEntries(types.map((t) => [t, keepText]));
    parsersByTypes.set(key, parsers);
  }
  return parsers;
}

/**
 * Opens a transaction that stays open across requests until a commit or rollback request ends it.
 * @param {number} id
 * @param {Client} client
 * @returns {Promise<number>}
 */
function begin(id, client) {
  return new Promise((resolve, reject) => {
    /** @type {(commit: boolean) => void} */
    let settle = () => undefined;
    /** @type {Promise<boolean>} */
    const outcome = new Promise((res) => {
      settle = res;
    });
    let started = false;
    const ended = pg.transaction(async (tx) => {
      started = true;
      open = {
        id,
        client,
        session: tx,
        end: (commit) => {
          settle(commit);
          return ended;
        },
      };
      resolve(id);
      if (!(await outcome)) await tx.rollback();
    });
    // A failed COMMIT reaches the request that asked for it through `end`.
    ended.catch((/** @type {unknown} */ error) => {
      if (!started) reject(error);
    });
  });
}

/** @param {Request} request */
async function run(request) {
  const session = open && request.client === open.client && request.tx === open.id ? open.session : pg;
  switch (request.op) {
    case "query": {
      const options = { rowMode: request.rowMode ?? "object", parsers: rawParsers(request.rawTypes) };
      // Statements with parameters are the service's repeated shapes; DDL and one-off SQL have none.
      if (request.params.length > 0) return prepared.query(request.sql, request.params, options, open !== null);
      return session.query(request.sql, request.params, options);
    }
    case "exec":
      return session.exec(request.sql);
    case "begin":
      return begin(request.id, request.client);
    case "commit":
    case "rollback": {
      const current = open;
      if (!current || current.client !== request.client || current.id !== request.tx) throw new Error(`transaction ${String(request.tx)} is not open`);
      try {
        await current.end(request.op === "commit");
      } finally {
        open = null;
        inTransaction = [];
      }
      return undefined;
    }
    case "batch":
      return runBatch(request.statements);
    case "close":
      await pg.close();
      return undefined;
  }
}

/**
 * A whole transaction in one request (src/db/guarded-writes.ts): the first statement is the guard,
 * and when it returns no row nothing is written. Nothing else runs in between, and the
 * transaction never waits for the service's thread.
 * @param {SqlStatement[]} statements
 */
async function runBatch(statements) {
  const [guard, ...writes] = statements;
  if (!guard) return null;
  /** @param {SqlStatement} statement */
  const inBatch = (statement) => (statement.params.length > 0 ? prepared.query(statement.sql, statement.params, {}, true) : pg.query(statement.sql, [], {}));
  await pg.exec("BEGIN");
  try {
    const { rows } = await inBatch(guard);
    if (rows.length === 0) {
      await pg.exec("ROLLBACK");
      return null;
    }
    for (const write of writes) await inBatch(write);
    await pg.exec("COMMIT");
    return rows;
  } catch (error) {
    await pg.exec("ROLLBACK").catch(() => undefined);
    throw error;
  }
}

/** @param {unknown} error */
function describeError(error) {
  if (!(error instanceof Error)) return { message: String(error) };
  /** @type {Record<string, unknown>} */
  const fields = { message: error.message, name: error.name };
  // PGlite's DatabaseError carries the SQLSTATE `code`, `constraint`, `detail`… as own properties.
  for (const [key, value] of Object.entries(error)) if (value === null || ["string", "number", "boolean"].includes(typeof value)) fields[key] = value;
  return fields;
}

async function pump() {
  if (running) return;
  running = true;
  /** @type {Request | undefined} */
  let request;
  try {
    for (drain(), request = next(); request; drain(), request = next()) {
      let reply;
      try {
        reply = { id: request.id, ok: true, result: await run(request) };
      } catch (error) {
        reply = { id: request.id, ok: false, error: describeError(error) };
      }
      const { client } = request;
      if (request.sync) {
        // Posted first, then counted: the waiting thread looks at the port once the count moves.
        client.syncPort.postMessage(reply);
        Atomics.add(client.signal, 0, 1);
        Atomics.notify(client.signal, 0);
      } else client.port.postMessage(reply);
    }
  } finally {
    running = false;
  }
}

/**
 * @param {Omit<Request, "client"> & { client?: Client }} request
 * @param {Client} client
 */
function arrived(request, client) {
  request.client = client;
  enqueue(/** @type {Request} */ (request));
}

/** @param {Request} request */
function enqueue(request) {
  if (request.sync) inTransaction.push(request);
  else if (request.ack) acks.push(request);
  else background.push(request);
}

/**
 * Takes every request already sent, without waiting for the event loop: a statement that finishes
 * in microtasks would otherwise let the next background one start before an acknowledgement that
 * arrived meanwhile is even seen.
 */
function drain() {
  for (const client of clients) {
    for (let m = receiveMessageOnPort(client.syncPort); m; m = receiveMessageOnPort(client.syncPort)) arrived(m.message, client);
    for (let m = receiveMessageOnPort(client.port); m; m = receiveMessageOnPort(client.port)) arrived(m.message, client);
  }
}

/**
 * A thread's link to the database. A link that closes (its thread ended) with a transaction open
 * rolls it back, or the database would wait for that thread forever.
 * @param {Link} link
 */
function addClient(link) {
  /** @type {Client} */
  const client = { port: link.port, syncPort: link.syncPort, signal: new Int32Array(link.signal) };
  clients.push(client);
  for (const from of [client.port, client.syncPort]) {
    from.on("message", (/** @type {Request} */ request) => {
      arrived(request, client);
      void pump();
    });
  }
  client.port.once("close", () => {
    clients.splice(clients.indexOf(client), 1);
    if (open?.client === client) {
      inTransaction.push({ op: "rollback", id: 0, tx: open.id, ack: false, sync: true, client });
      void pump();
    }
  });
}

addClient(link);
// Further threads (the turn pipeline's) attach their own links through the parent.
port.on("message", (/** @type {{ attach: Link }} */ message) => {
  addClient(message.attach);
});
port.postMessage({ ready: true });
