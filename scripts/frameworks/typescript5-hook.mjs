// A Node module hook: the Angular compiler imports `typescript` for its
// compiler API, which the repository's TypeScript 7 (native) no longer has.
// Angular's imports get TypeScript 5 instead (the `typescript5` alias of
// package.json); everything else keeps its own `typescript`.
export async function resolve(specifier, context, next) {
  if (specifier === 'typescript' && context.parentURL?.includes('/node_modules/@angular/')) return next('typescript5', context);
  return next(specifier, context);
}
