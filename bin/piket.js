#!/usr/bin/env node
// The `piket` command: runs the built CLI (built on install by the `prepare` script).
import '../out/main/cli.js';
