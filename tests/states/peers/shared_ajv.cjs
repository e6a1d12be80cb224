// Makes asl-validator fast enough to run over a whole corpus in one process.
// asl-validator builds a new Ajv instance and compiles all of its JSON schemas
// on every call (about 0.15 s each). Within one version of asl-validator the
// options, schemas and formats are the same on every call as long as the
// caller always passes the same validation options (our scripts do), so the
// first instance per schema set is kept and later calls get a facade that
// validates with the already compiled schema. Verdicts and messages are
// unchanged (checked on the whole corpus against the unpatched package).
// Keyed by the schema objects, so asl-validator 4 (used directly) and the
// 3.x copy inside aws-local-stepfunctions each keep their own instance.
// Require this before the first validation.
const ajvModule = require('ajv');

const RealAjv = ajvModule.default;
const shared = new WeakMap();

ajvModule.default = function SharedAjv(options) {
  const key = options?.schemas?.[0];
  if (!key) return new RealAjv(options);
  const existing = shared.get(key);
  if (!existing) {
    const instance = new RealAjv(options);
    shared.set(key, instance);
    return instance;
  }
  return {
    opts: { code: {} },
    errors: null,
    addFormat() {
      return this;
    },
    addKeyword() {
      return this;
    },
    validate(schemaKey, data) {
      const valid = existing.validate(schemaKey, data);
      this.errors = existing.errors;
      return valid;
    },
  };
};
