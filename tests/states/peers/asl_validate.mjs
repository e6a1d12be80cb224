// Runs the npm package asl-validator (default options) over every definition
// file listed on stdin (one path a line), in this one process, and prints one
// JSON line per file:
//   {"file": PATH, "valid": true|false, "errors": ["..."]}
// A file that is not JSON is reported invalid. Used by
// tests/states/peer_crosscheck_test.cc, from the folder where `npm ci`
// installed package-lock.json.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
require('./shared_ajv.cjs'); // one compiled Ajv instead of one per call; see there
const validate = require('asl-validator');

const files = readFileSync(0, 'utf8').split('\n').filter((line) => line.length > 0);
for (const file of files) {
  let verdict;
  try {
    const definition = JSON.parse(readFileSync(file, 'utf8'));
    const { isValid, errors } = validate(definition);
    verdict = {
      valid: isValid,
      errors: (errors ?? []).map((e) => e.Message ?? e.message ?? JSON.stringify(e)),
    };
  } catch (e) {
    verdict = { valid: false, errors: [`exception: ${e.message}`] };
  }
  console.log(JSON.stringify({ file, ...verdict }));
}
