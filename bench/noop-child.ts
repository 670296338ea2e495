/** Does nothing but answer: the cost of starting `node --import tsx` itself, subtracted for honesty. */
console.log(JSON.stringify({ sinceProcessStartMs: performance.now() }));
