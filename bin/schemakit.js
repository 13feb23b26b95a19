#!/usr/bin/env node
'use strict';
// Node 22.1+: keep V8's compiled code of schemakit's modules on disk between runs (a no-op before).
require('node:module').enableCompileCache?.();
const { main } = require('../dist/src/cli/main.js');
main(process.argv).then((code) => { process.exitCode = code; });
