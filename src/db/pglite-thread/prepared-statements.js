// @ts-check
// Named prepared statements for the embedded database's thread (docs/decisions/0019-pglite-prepared-statements.md).
// PGlite's `query` parses, describes and plans every statement on every run, in six calls into
// WebAssembly; the service runs a few dozen statement shapes over and over. A shape seen before is
// bound and executed in one call to its prepared statement instead.
import { messages as backend, parse, protocol } from "@electric-sql/pglite";

/**
 * @typedef {import("@electric-sql/pglite").PGlite} PGlite
 * @typedef {{ rowMode?: "array" | "object", parsers?: Record<number, (value: string) => unknown> }} QueryOptions
 * @typedef {{ name: string, paramTypes: number[], rowDescription: backend.BackendMessage | undefined }} Statement
 */

const { serialize } = protocol;
const executeAndSync = concat([serialize.execute({}), serialize.sync()]);
// Statements kept at once; the least recently used is closed beyond it. The service has about a
// hundred shapes; a bulk insert makes one per row count, which must not pile up.
export const preparedStatementCapacity = 256;
// SQLSTATE of "cached plan must not change result type": a table changed under a statement.
const planChanged = "0A000";

/** @param {Uint8Array[]} parts */
function concat(parts) {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/** @param {PGlite} pg */
export function createPreparedStatements(pg) {
  /** Least recently used first. @type {Map<string, Statement>} */
  const statements = new Map();
  let counter = 0;

  /**
   * @param {string} sql
   * @param {boolean} inTransaction
   * @returns {Promise<Statement>}
   */
  async function prepare(sql, inTransaction) {
    const name = `sb_${String(++counter)}`;
    const { messages } = await pg.execProtocol(
      concat([serialize.parse({ name, text: sql, types: [] }), serialize.describe({ type: "S", name }), serialize.sync()]),
      { syncToFs: !inTransaction },
    );
    const parameters = messages.find((m) => m.name === "parameterDescription");
    /** @type {Statement} */
    const statement = {
      name,
      paramTypes: parameters instanceof backend.ParameterDescriptionMessage ? parameters.dataTypeIDs : [],
      rowDescription: messages.find((m) => m.name === "rowDescription"),
    };
    statements.set(sql, statement);
    if (statements.size > preparedStatementCapacity) {
      const [oldest] = statements.keys();
      if (oldest !== undefined) await forget(oldest);
    }
    return statement;
  }

  /** @param {string} sql */
  async function forget(sql) {
    const statement = statements.get(sql);
    if (!statement) return;
    statements.delete(sql);
    // Inside a failed transaction the close is refused; the statement then stays until the process ends.
    await pg.execProtocol(concat([serialize.close({ type: "S", name: statement.name }), serialize.sync()]), { syncToFs: false, throwOnError: false });
  }

  /** Serialises a value as PGlite's own `query` does: by the parameter's type, as text otherwise. */
  function serializeParams(/** @type {unknown[]} */ params, /** @type {number[]} */ types) {
    return params.map((value, i) => {
      if (value === null || value === undefined) return null;
      const serializer = pg.serializers[types[i] ?? 0];
      return serializer ? serializer(value) : String(value);
    });
  }

  /**
   * Runs `sql` through its prepared statement, preparing it the first time it is seen.
   * @param {string} sql
   * @param {unknown[]} params
   * @param {QueryOptions} options
   * @param {boolean} inTransaction no file-system sync until the transaction ends, as PGlite's own transactions
   */
  async function query(sql, params, options, inTransaction) {
    let statement = statements.get(sql);
    if (statement) {
      statements.delete(sql);
      statements.set(sql, statement);
    } else statement = await prepare(sql, inTransaction);
    const bind = serialize.bind({ statement: statement.name, values: serializeParams(params, statement.paramTypes) });
    try {
      const { messages } = await pg.execProtocol(concat([bind, executeAndSync]), { syncToFs: !inTransaction });
      const described = statement.rowDescription ? [statement.rowDescription, ...messages] : messages;
      // One statement, one result (PGlite answers an empty one when a statement returned nothing).
      const [result = { rows: [], fields: [], affectedRows: 0 }] = parse.parseResults(described, pg.parsers, options);
      return result;
    } catch (error) {
      // A migration changed a table under the statement: prepare it again next time.
      if (error instanceof Error && "code" in error && error.code === planChanged) await forget(sql);
      throw error;
    }
  }

  return { query };
}
