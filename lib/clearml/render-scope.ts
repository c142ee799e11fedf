/**
 * Answers derived from a document, kept while one render (or one run of the rules) judges it: render, the server
 * view and the rules ask for the same ones (each override's variable, the unknown keys) a dozen times, and the
 * document does not change meanwhile. Outside `judging` every call computes afresh, as a caller may change a document
 * between two calls. Pure and browser-safe.
 */
const scopes = new WeakMap<object, Map<unknown, unknown>>();

/** Runs `run` with the answers about `document` kept until it returns (nested calls share the outer scope). */
export function judging<T>(document: object, run: () => T): T {
  if (scopes.has(document)) return run();
  scopes.set(document, new Map());
  try {
    return run();
  } finally {
    scopes.delete(document);
  }
}

/** `compute(document)`, once per `judging` scope of the document (callers must not change the answer). */
export function kept<D extends object, T>(document: D, compute: (document: D) => T): T {
  const scope = scopes.get(document);
  if (!scope) return compute(document);
  if (scope.has(compute)) return scope.get(compute) as T;
  const answer = compute(document);
  scope.set(compute, answer);
  return answer;
}
