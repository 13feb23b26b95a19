#!/usr/bin/env node
'use strict';
// Node 22.1+: keep V8's compiled code of schemakit's modules on disk between runs (a no-op before).
require('node:module').enableCompileCache?.();
// PGlite's WASM runs on V8's baseline compiler only: tiering hot functions up to the optimizing compiler cost
// ~80-100 MB of peak memory per process and more CPU than it saved in a command's lifetime (first embedded
// `plan` of the example: 10.8 s -> 8.7 s of CPU, ~510 MB -> ~400 MB; 1,000 tables created and read back in
// one PGlite: 10.0 s -> 8.7-9.3 s, 505 MB -> 425 MB). Set before any WASM is compiled; the CLI only.
require('node:v8').setFlagsFromString('--liftoff-only');
const { main } = require('../dist/src/cli/main.js');
main(process.argv).then((code) => { process.exitCode = code; });
