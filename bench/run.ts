import { writeFileSync } from "node:fs";
import { browserFigures } from "./browser";
import { engineFigures } from "./engine";
import { serverFigures } from "./server";
import type { Figure } from "./stats";

/** `npm run bench`: every performance figure against its target, as a markdown table and bench-results.json. */
async function main() {
  const figures: Figure[] = [];
  process.stderr.write("bench: HOCON engine…\n");
  figures.push(...engineFigures());
  process.stderr.write("bench: server…\n");
  const server = await serverFigures();
  figures.push(...server.figures);
  try {
    process.stderr.write("bench: browser…\n");
    figures.push(...(await browserFigures(server.server)));
  } finally {
    await server.server.stop();
  }
  const lines = [
    "| section | figure | value | target | met |",
    "|---|---|---|---|---|",
    ...figures.map((f) => `| ${f.section} | ${f.name} | ${f.value} ${f.unit} | ${f.target ?? ""} | ${f.target ? (f.met ? "yes" : "**no**") : ""} |`),
  ];
  console.log(lines.join("\n"));
  writeFileSync("bench-results.json", JSON.stringify({ date: new Date().toISOString(), figures }, null, 2) + "\n");
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
