// Variables that middleware puts on the Hono context.
declare module "hono" {
  interface ContextVariableMap {
    /** Set by routes that must not explain a rejection (webhook authentication). */
    quietErrors: boolean;
  }
}

export {};
