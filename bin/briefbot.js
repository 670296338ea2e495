#!/usr/bin/env node
// The sources are TypeScript run through tsx, as `npm start` does; no build step to forget.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli.ts');
