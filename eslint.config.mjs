import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

// The layer order of lib/ (docs/architecture.md), bottom first; tests/architecture/layers.test.ts checks the same.
const LAYERS = ["core", "hocon", "crypto", "cache", "clearml", "editor", "bundle", "db", "auth", "drafts", "api"];

// Modules that run only on the server (database, node:, the HOCON parser, the bundle builders).
const SERVER_ONLY = [
  "@/lib/db/*",
  "@/lib/drafts/service",
  "@/lib/api/route",
  "@/lib/bundle/*",
  "@/lib/cache/*",
  "@/lib/crypto/*",
  "@/lib/hocon/parse*",
  "@/lib/clearml/load",
  "@/lib/clearml/effective",
  "@/lib/clearml/raw",
  "@/lib/clearml/render",
  "@/lib/auth/!(schemas)",
];

const relative = (folder) => ["", "../", "../../"].flatMap((up) => [`${up}../${folder}`, `${up}../${folder}/*`]);

const layerRules = LAYERS.map((layer, i) => ({
  files: [`lib/${layer}/**/*.{ts,tsx}`],
  rules: {
    "@typescript-eslint/no-restricted-imports": [
      "error",
      {
        patterns: [
          ...(i + 1 < LAYERS.length ? [{ group: LAYERS.slice(i + 1).flatMap(relative), message: `lib/${layer} sits below the folder it imports (docs/architecture.md): import downwards only.` }] : []),
          { group: ["next", "next/*", "react", "react-dom", "@/app/*", "@/components/*"], message: "lib/ is pure: no Next, React or UI imports." },
        ],
      },
    ],
  },
}));

const config = [
  ...nextVitals,
  ...nextTs,
  { ignores: [".next/**", "node_modules/**", "data/**", "tmp/**", "tests/.cache/**", "next-env.d.ts"] },
  ...layerRules,
  {
    files: ["components/**/*.{ts,tsx}"],
    rules: {
      "@typescript-eslint/no-restricted-imports": [
        "error",
        { patterns: [{ group: SERVER_ONLY, allowTypeImports: true, message: "components/ run in the browser: import only types from server modules." }] },
      ],
    },
  },
];

export default config;
