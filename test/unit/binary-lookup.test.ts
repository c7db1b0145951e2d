/**
 * Finding the once-per-machine Go binaries: the cache honours $XDG_CACHE_HOME, PATH is searched, and
 * a path given in the environment that is not a file is bad input (exit 2) naming the variable.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findTemporalServer } from '../../src/cluster/server-binary';
import { InputError } from '../../src/errors';
import { findOnPath, gatehouseCacheDir } from '../../src/temporal/binary-lookup';
import { findTemporalCli } from '../../src/temporal/cli-binary';

const saved = { ...process.env };
afterEach(() => {
  process.env = { ...saved };
});

test('the cache lives under $XDG_CACHE_HOME when it is set, else ~/.cache', () => {
  process.env.XDG_CACHE_HOME = '/somewhere/cache';
  expect(gatehouseCacheDir('temporal-cli-v1.5.1')).toBe('/somewhere/cache/gatehouse/temporal-cli-v1.5.1');
  process.env.XDG_CACHE_HOME = '';
  expect(gatehouseCacheDir('x')).toMatch(/\/\.cache\/gatehouse\/x$/);
});

test('PATH is searched in order for a file of that name', () => {
  const first = mkdtempSync(join(tmpdir(), 'gatehouse-path-'));
  const second = mkdtempSync(join(tmpdir(), 'gatehouse-path-'));
  writeFileSync(join(second, 'temporal-server'), '#!/bin/sh\n');
  process.env.PATH = `${first}:${second}`;
  expect(findOnPath('temporal-server')).toBe(join(second, 'temporal-server'));
  expect(findOnPath('temporal-sql-tool')).toBeNull();
});

test('TEMPORAL_CLI_PATH / TEMPORAL_SERVER_PATH that are not files are bad input naming the variable', () => {
  process.env.TEMPORAL_CLI_PATH = '/no/such/temporal';
  expect(() => findTemporalCli()).toThrow(InputError);
  expect(() => findTemporalCli()).toThrow(/TEMPORAL_CLI_PATH=\/no\/such\/temporal: no such file/);
  process.env.TEMPORAL_SERVER_PATH = '/no/such/server';
  expect(() => findTemporalServer()).toThrow(/TEMPORAL_SERVER_PATH=\/no\/such\/server: no such file/);
});
