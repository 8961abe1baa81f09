// @rjsf/core imports @rjsf/validator-ajv8 only for its test registry, which the portal never uses: the form
// validates with @cfworker/json-schema, which needs no eval() (the portal's Content-Security-Policy allows none).
export default undefined;
