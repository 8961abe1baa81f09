// Run in a scratch copy of this folder (see README.md): npm ci && npm run build -- <the portal's vendor folder>
// writes the bundle and the licences of every package in it there.
import { build } from "esbuild";
import { existsSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const out = (process.argv[2] || "dist") + "/";
const result = await build({
  entryPoints: ["entry.js"], bundle: true, minify: true, format: "iife", target: "es2019",
  alias: { "@rjsf/validator-ajv8": "./no-ajv.js" }, define: { "process.env.NODE_ENV": '"production"' },
  legalComments: "none", metafile: true, outfile: out + "contribute-vendor.js",
});
const packages = new Set();
for (const input of Object.keys(result.metafile.inputs)) {
  const match = input.match(/node_modules\/((?:@[^/]+\/)?[^/]+)\//);
  if (match) packages.add(match[1]);
}
const parts = ["Licences of the packages bundled in contribute-vendor.js (built by tools/vendor-contribute).\n"];
for (const name of [...packages].sort()) {
  const folder = join("node_modules", name);
  const meta = JSON.parse(readFileSync(join(folder, "package.json"), "utf8"));
  const file = readdirSync(folder).find((f) => /^licen[cs]e/i.test(f));
  const text = file ? readFileSync(join(folder, file), "utf8").trim() : `(no licence file; package.json says ${meta.license})`;
  parts.push(`${"=".repeat(78)}\n${name} ${meta.version} (${meta.license})\n${"=".repeat(78)}\n${text}\n`);
}
writeFileSync(out + "contribute-vendor.LICENSES.txt", parts.join("\n"));
const listed = [...packages].sort().map((name) => {
  const meta = JSON.parse(readFileSync(join("node_modules", name, "package.json"), "utf8"));
  return `${name} ${meta.version} (${meta.license})`;
});
const bundle = out + "contribute-vendor.js";
writeFileSync(bundle, `/* The portal's contribution form libraries, built by tools/vendor-contribute (esbuild): ${listed.join(", ")}.\n` +
  `   Licences: contribute-vendor.LICENSES.txt beside this file. */\n` + readFileSync(bundle, "utf8"));
console.log(`bundled ${packages.size} packages: ${[...packages].sort().join(", ")}`);
