// Validates the OpenAPI document that `sweetshop openapi` prints against the OpenAPI specification's schema.
// Usage: node tools/npm/validate-openapi.mjs path/to/sweetshop
import { execFileSync } from "node:child_process";
import { Validator } from "@seriousme/openapi-schema-validator";

const binary = process.argv[2];
if (!binary) {
  console.error("usage: validate-openapi.mjs <sweetshop binary>");
  process.exit(2);
}
const text = execFileSync(binary, ["openapi"], { encoding: "utf8" });
const validator = new Validator();
const result = await validator.validate(JSON.parse(text));
if (!result.valid) {
  console.error(JSON.stringify(result.errors, null, 2));
  process.exit(1);
}
console.log(`OpenAPI ${validator.version} document is valid (${Object.keys(JSON.parse(text).paths).length} paths)`);
