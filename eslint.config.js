// @ts-check
import js from "@eslint/js";
import globals from "globals";
import tseslint from "typescript-eslint";

// Layer boundaries live here, not in review: http → services → db/queries; SDKs stay in their adapters.
// That src/ folders never import each other in a circle is checked by test/structure/src-folder-imports.test.ts.
const sdks = { group: ["openai", "openai/*", "@anthropic-ai/*"], message: "LLM SDKs stay inside src/llm" };
const drizzle = { group: ["drizzle-orm", "drizzle-orm/*", "postgres", "@electric-sql/*"], message: "SQL lives in src/db/queries" };
const dbLayer = { group: ["**/db/*", "**/db/**"], message: "routes call services, never the database" };
const hono = { group: ["hono", "hono/*", "@hono/*"], message: "services know nothing of HTTP" };
const switchboard = { group: ["**/src/**"], message: "the Chatwoot emulator is written from Chatwoot's source and stands apart from Switchboard" };
const neutral = { group: ["**/src/**", "**/emulator/**"], message: "lib/ is shared by Switchboard and the emulator, so it imports neither" };

const restrict = (...patterns) => ({ "no-restricted-imports": ["error", { patterns }] });

export default tseslint.config(
  { ignores: ["node_modules/", "data/", ".cache/", "coverage/", "migrations/", ".scratch/", "evals/out/", "test-results/"] },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/no-unused-vars": ["error", { ignoreRestSiblings: true, argsIgnorePattern: "^_" }],
      "@typescript-eslint/no-non-null-assertion": "error",
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/consistent-type-imports": "error",
      "@typescript-eslint/restrict-template-expressions": ["error", { allowNumber: true, allowBoolean: true }],
      "@typescript-eslint/no-unnecessary-condition": ["error", { allowConstantLoopConditions: true }],
    },
  },
  { files: ["src/**/*.ts"], ignores: ["src/llm/**"], rules: restrict(sdks) },
  { files: ["src/http/**/*.ts"], rules: restrict(sdks, drizzle, dbLayer) },
  { files: ["src/services/**/*.ts"], rules: restrict(sdks, drizzle, hono) },
  { files: ["src/db/**/*.ts", "src/domain/**/*.ts", "src/time/**/*.ts"], rules: restrict(sdks, hono) },
  // Pure code (chat text, machine learning) and the inbox's wire format: no database, no HTTP framework.
  { files: ["src/text/**/*.ts", "src/ml/**/*.ts", "src/inbox/**/*.ts"], rules: restrict(sdks, drizzle, hono) },
  { files: ["emulator/**/*.ts"], rules: restrict(switchboard) },
  { files: ["lib/**/*.ts"], rules: restrict(sdks, drizzle, hono, neutral) },
  { files: ["eslint.config.js"], ...tseslint.configs.disableTypeChecked },
  {
    // The admin console: browser ES modules served as they are (docs/decisions/0013), so no type information.
    files: ["console/**/*.js"],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: { ...tseslint.configs.disableTypeChecked.languageOptions, globals: globals.browser, sourceType: "module" },
  },
  {
    // Worker threads' entries: plain JavaScript, so a worker starts without a TypeScript loader.
    files: ["src/db/pglite-thread/*.js", "src/runtime/*.js"],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: { ...tseslint.configs.disableTypeChecked.languageOptions, globals: globals.node, sourceType: "module" },
  },
  {
    // Tests read responses through their route contracts (test/harness/contract.ts). Two rules stay
    // off: vitest types its asymmetric matchers (`expect.stringContaining`…) as `any`, and a
    // non-null assertion on a value the test just asserted is clearer than a guard.
    files: ["test/**/*.ts", "**/*.test.ts"],
    rules: {
      "@typescript-eslint/no-non-null-assertion": "off",
      "@typescript-eslint/no-unsafe-assignment": "off",
    },
  },
);
