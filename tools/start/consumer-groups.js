#!/usr/bin/env node
// Prints, as one JSON array, the consumer groups of every service `npm start` runs: the `consumer` of each
// ConsumerDefinition exported by dist/services/<name>/src/consumers.js (the group id is the consumer name).
// The dev Kafka cluster cannot list its groups, so its log keeper is told which ones to keep.
// Run with the @crosswalk aliases: node -r ./tools/runtime/paths.js tools/start/consumer-groups.js
'use strict';

require('reflect-metadata');
const fs = require('node:fs');
const path = require('node:path');
const { SERVICES } = require('./dev-defaults');

const ROOT = path.resolve(__dirname, '../..');

function consumerGroups() {
  const groups = new Set();
  for (const service of SERVICES) {
    const file = path.join(ROOT, 'dist', 'services', service.name, 'src', 'consumers.js');
    if (!fs.existsSync(file)) continue;
    for (const value of Object.values(require(file))) {
      if (value && typeof value.consumer === 'string' && Array.isArray(value.topics)) groups.add(value.consumer);
    }
  }
  return [...groups].sort();
}

module.exports = { consumerGroups };

if (require.main === module) process.stdout.write(`${JSON.stringify(consumerGroups())}\n`);
