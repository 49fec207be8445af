// Loaded with `node --import ./scripts/register.mjs` for tests and CLI tools run outside Next.js:
// TypeScript through tsx, and the `@/` path alias of tsconfig.json.
// NOTE: the `server-only` package throws when imported outside a React Server build; outside Next
// (node:test, the simulator CLI) it must be an empty module, so it resolves to one here.
import { register } from "node:module";

register(
  "data:text/javascript," +
    encodeURIComponent(`
export async function resolve(specifier, context, next) {
  if (specifier === "server-only") return { url: "data:text/javascript,export{}", shortCircuit: true };
  return next(specifier, context);
}`),
  import.meta.url,
);
await import("tsx/esm");
