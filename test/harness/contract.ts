import { z } from "zod";
import { expect } from "vitest";
import { type Problem, ProblemSchema } from "../../src/http/problem.js";
import type { TestResponse } from "./read-response.js";

/** What a route declares (its `createRoute` config): the responses, by status. */
type Route = { method: string; path: string; responses: object };

// A status is a number key, or a string one when the responses spread an `as const` object (errorResponses).
type ResponseAt<R extends Route, S extends number> = R["responses"][S & keyof R["responses"]] | R["responses"][`${S}` & keyof R["responses"]];
type SchemaIn<M> = M extends { content: infer C } ? (C[keyof C] extends { schema: infer T extends z.ZodType } ? T : never) : never;
type AsNumber<K> = K extends number ? K : K extends `${infer N extends number}` ? N : never;

/** The statuses at which the route declares a body. */
export type BodyStatus<R extends Route> = {
  [K in keyof R["responses"]]: [SchemaIn<R["responses"][K]>] extends [never] ? never : AsNumber<K>;
}[keyof R["responses"]];

/** The body the route declares at this status (a Problem for its errors). */
export type BodyAt<R extends Route, S extends number> = z.output<SchemaIn<ResponseAt<R, S>>>;

const declaredResponse = z.object({
  content: z.record(z.string(), z.object({ schema: z.instanceof(z.ZodType) })),
});

/**
 * The body of `res`, read through the route's own contract: the answer has the expected status and
 * the declared media type, its body parses with the declared schema (a mismatch fails with the
 * zod path), and it is exactly what the schema reads: no field the contract leaves out (parsing
 * would silently drop it) and none missing that the contract would fill with a default.
 */
export function bodyOf<R extends Route, S extends BodyStatus<R>>(res: TestResponse, route: R, status: S): BodyAt<R, S> {
  const where = `${route.method.toUpperCase()} ${route.path} ${String(status)}`;
  expect(res.status, `${where}: ${res.text}`).toBe(status);
  const declared = declaredResponse.parse(z.record(z.string(), z.unknown()).parse(route.responses)[String(status)]);
  const [mediaType, media] = Object.entries(declared.content)[0] ?? [];
  if (!mediaType || !media) throw new Error(`${where}: the route declares no body`);
  expect(res.headers.get("content-type")?.split(";")[0], where).toBe(mediaType);
  const parsed = media.schema.safeParse(res.body);
  if (!parsed.success) throw new Error(`${where}: the body does not match its contract\n${z.prettifyError(parsed.error)}\n${res.text}`);
  expect(parsed.data, `${where}: the body is not exactly what its contract declares (an undeclared field, or a defaulted one missing)`).toEqual(res.body);
  // Sound: the schema just used is route.responses[status]'s, the very one BodyAt names.
  return parsed.data as BodyAt<R, S>;
}

/**
 * A problem body where no single route answers (an unknown path, a check every admin route shares):
 * application/problem+json, the shared Problem schema, and the status it names is the answer's.
 */
export function problemOf(res: TestResponse): Problem {
  expect(res.headers.get("content-type")?.split(";")[0], res.text).toBe("application/problem+json");
  const problem = ProblemSchema.parse(res.body);
  expect(problem.status, res.text).toBe(res.status);
  return problem;
}
