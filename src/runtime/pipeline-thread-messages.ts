import type { Config } from "../config.js";
import type { DatabaseLink } from "../db/client.js";
import type { MetricsSnapshot } from "../metrics/metrics.js";

/** What the pipeline thread starts from: the configuration parsed once, and its database link (embedded database only). */
export type PipelineThreadData = { entry: string; config: Config; link: DatabaseLink | null };

/** The service's thread → the pipeline thread. */
export type ToPipelineThread = { type: "wake"; orderingKey: string } | { type: "metrics"; id: number } | { type: "stop" };

/** The pipeline thread → the service's thread. */
export type FromPipelineThread = { type: "ready" } | { type: "metrics"; id: number; snapshot: MetricsSnapshot } | { type: "stopped" };
