// Lint: Next's core-web-vitals and TypeScript rules, plus the module boundaries of the house
// (lib/domain is a leaf, the browser never reaches lib/server, the simulator stays behind the runtime)
// and no import cycles, types included.
import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";

const serverImports = {
  group: ["@/lib/server", "@/lib/server/*", "**/lib/server/*"],
  message: "Browser code never imports lib/server: read the API through lib/query instead.",
};
const demoImports = {
  group: ["@/lib/server/demo", "@/lib/server/demo/*", "**/server/demo", "**/server/demo/*"],
  message: "Only the runtime, the demo route and the simulator CLI import the simulator.",
};

export default defineConfig([
  ...nextVitals,
  ...nextTypescript,
  globalIgnores([".next/**", "node_modules/**", "next-env.d.ts", "test-artifacts/**", ".test-results/**"]),
  {
    settings: {
      "import/resolver": { typescript: { project: "./tsconfig.json" }, node: true },
    },
    rules: {
      "import/no-cycle": ["error", { ignoreExternal: true }],
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    // The contract and the rules are a leaf: they import each other and zod, nothing else.
    files: ["lib/domain/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              regex: "^(?!zod$|@/lib/domain/|\\./)",
              message: "lib/domain imports only itself and zod.",
            },
          ],
        },
      ],
    },
  },
  {
    files: ["components/**", "lib/query/**", "lib/i18n/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [serverImports, demoImports],
          // Both catalogs live behind @/lib/i18n: the browser gets the active one from the layout.
          paths: [
            {
              name: "@/lib/i18n",
              allowTypeImports: true,
              message:
                "Browser code takes words from useT() (lib/i18n/client) and helpers from lib/i18n/core.",
            },
          ],
        },
      ],
    },
  },
  {
    files: ["app/**", "lib/server/**", "instrumentation.ts"],
    ignores: ["lib/server/demo/**", "lib/server/runtime.ts", "app/api/demo/**"],
    rules: { "no-restricted-imports": ["error", { patterns: [demoImports] }] },
  },
]);
