// Module resolution for the shim: k6's built-in modules resolve to the Node implementations beside this file.
const modules = {
  k6: 'k6.mjs',
  'k6/http': 'http.mjs',
  'k6/websockets': 'websockets.mjs',
  'k6/metrics': 'metrics.mjs',
  'k6/timers': 'timers.mjs',
  'k6/x/sse': 'sse.mjs',
};

export async function resolve(specifier, context, nextResolve) {
  if (Object.hasOwn(modules, specifier)) {
    return { url: new URL(`./modules/${modules[specifier]}`, import.meta.url).href, shortCircuit: true };
  }

  return nextResolve(specifier, context);
}
