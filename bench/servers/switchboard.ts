import { countInboxEvents } from "../../src/db/queries/inbox-events.js";
import { countJobsByStatus } from "../../src/db/queries/jobs.js";
import { createSubject } from "../lib/subject.js";
import { serveChild } from "./serve-child.js";

/**
 * The subject: the real app on in-memory PGlite (see createSubject). The queue worker never runs:
 * the bench measures the acknowledgement (verify token, parse, classify, store the event and its
 * job in one transaction, answer 200), not the processing of turns.
 *
 * `--variant=no-write` is a diagnostic: the insert transaction is skipped (answers "stored"), so
 * the difference to the full run is its cost under load.
 */
const noWrite = process.argv.includes("--variant=no-write");

serveChild(async () => {
  const subject = await createSubject({ canSkipWrites: noWrite });
  subject.skipWrites(noWrite);
  const { db } = subject.database;
  return {
    label: noWrite ? "Switchboard, insert skipped" : "Switchboard (PGlite)",
    fetch: subject.app.fetch,
    webhookPath: subject.bot.webhookPath,
    stats: async () => ({ variant: noWrite ? "no-write" : "full", inboxEvents: await countInboxEvents(db, subject.bot.id), jobs: await countJobsByStatus(db, subject.bot.id) }),
    close: () => subject.database.close(),
  };
});
