// @ts-check
// Starts a TypeScript module as a worker thread's entry. `npm start` runs under tsx, whose loader
// a worker does not inherit, so the entry (workerData.entry) is imported through tsx's API.
import { workerData } from "node:worker_threads";
import { tsImport } from "tsx/esm/api";

await tsImport(/** @type {{ entry: string }} */ (workerData).entry, import.meta.url);
