// The OpenAPI document partners get, checked the way their tools check it: Redocly (its
// `recommended` rules; it also validates the document as OpenAPI 3.1) and Spectral (`spectral:oas`
// plus the OWASP API Security ruleset, with the repository's .spectral.yaml) run as their CLIs on
// the generated document, and neither may report an error. A copy with one request bound removed
// must fail, so the ruleset's request-side rules are known to bite.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { allRoutes, allScopes } from '@spolu/contracts';
import { apiRegionsFrom, buildOpenApiDocument, longestMatch } from '@spolu/contracts/openapi';

const run = promisify(execFile);
const root = resolve(import.meta.dirname, '../..');
const bin = (name: string) => join(root, 'node_modules/.bin', name);
const cdkRegions = JSON.parse(readFileSync(join(root, 'cdk.json'), 'utf8')).context.regions;
const regions = apiRegionsFrom(cdkRegions);

const document = buildOpenApiDocument(allRoutes, { serverUrl: 'http://localhost:3000', regions });
type Json = Record<string, unknown>;
/** The document as the JSON a partner downloads (the generator's types describe references too). */
const asJson = (value: unknown): unknown => JSON.parse(JSON.stringify(value));
const work = mkdtempSync(join(tmpdir(), 'spolu-openapi-'));
const write = (name: string, content: unknown) => {
  const path = join(work, name);
  writeFileSync(path, JSON.stringify(content, null, 2));
  return path;
};

interface SpectralFinding {
  code: string;
  severity: number;
  path: string[];
  message: string;
}
/** Spectral's findings on a file; its exit code says only "something at fail-severity". */
const spectral = async (file: string): Promise<SpectralFinding[]> => {
  const out = join(work, `${file.split('/').pop()}.spectral.json`);
  await run(bin('spectral'), ['lint', file, '-r', join(root, '.spectral.yaml'), '-f', 'json', '-o', out], {
    cwd: root,
  }).catch((error: unknown) => error);
  return JSON.parse(readFileSync(out, 'utf8')) as SpectralFinding[];
};
const errorsOf = (findings: SpectralFinding[]) =>
  findings.filter((f) => f.severity === 0).map((f) => `${f.code} ${f.path.join('.')}: ${f.message}`);

const operations = Object.entries(document.paths ?? {}).flatMap(([path, item]) =>
  Object.entries(item as Record<string, Json>).map(([method, operation]) => ({ path, method, operation })),
);

afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('the generated OpenAPI document under Redocly and Spectral (OWASP)', () => {
  const file = write('openapi.json', document);
  // Started together: the linters take most of this file's time.
  let redocly: Promise<{ code: number; stdout: string }>;
  let findings: Promise<SpectralFinding[]>;
  let weakened: Promise<SpectralFinding[]>;
  beforeAll(() => {
    redocly = run(bin('redocly'), ['lint', file, '--extends=recommended', '--format=json'], { cwd: root })
      .then(({ stdout }) => ({ code: 0, stdout }))
      .catch((error: { code: number; stdout: string }) => ({ code: error.code, stdout: error.stdout }));
    findings = spectral(file);
    // One operation's document with the bound of its path parameter removed (a ULID's length).
    const getClient = allRoutes.filter((route) => route.id === 'intake.getClient');
    const copy = asJson(buildOpenApiDocument(getClient, { serverUrl: 'http://localhost:3000', regions })) as {
      paths: Record<string, Record<string, { parameters: { schema: Json }[] }>>;
    };
    delete copy.paths['/clients/{clientId}']!.get!.parameters[0]!.schema.maxLength;
    weakened = spectral(write('weakened.json', copy));
  });

  it('is valid OpenAPI 3.1 and passes Redocly’s recommended rules without an error', async () => {
    const { code, stdout } = await redocly;
    const report = JSON.parse(stdout) as {
      totals: { errors: number };
      problems: { ruleId: string; severity: string; message: string }[];
    };
    expect(report.problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(report.totals.errors).toBe(0);
    expect(code).toBe(0);
  });

  it('passes spectral:oas and the OWASP API Security ruleset without an error', async () => {
    const all = await findings;
    expect(errorsOf(all)).toEqual([]);
    // Not vacuous: the linter ran over the whole document (warnings on free-text responses).
    expect(all.length).toBeGreaterThan(0);
  });

  it('fails when a request bound goes missing', async () => {
    expect(errorsOf(await weakened)).toEqual([expect.stringMatching(/^spolu:request-string-limit paths\./)]);
  });
});

describe('what the document tells a partner', () => {
  it('names each operation’s scopes under every OAuth2 scheme, and describes every scope', () => {
    const schemes = asJson(document.components?.securitySchemes) as Record<string, Json>;
    expect(Object.keys(schemes).sort()).toEqual(['local', ...regions.map((r) => `cognito-${r.code}`)].sort());
    const cz051 = schemes['cognito-CZ051'] as {
      flows: Record<string, { tokenUrl: string; scopes: Record<string, string> }>;
    };
    expect(cz051.flows.clientCredentials!.tokenUrl).toBe(
      'https://spolu-cz051.auth.eu-central-1.amazoncognito.com/oauth2/token',
    );
    expect(Object.keys(cz051.flows.authorizationCode!.scopes).sort()).toEqual([...allScopes].sort());
    expect(
      (schemes.local as { flows: { clientCredentials: { tokenUrl: string } } }).flows.clientCredentials
        .tokenUrl,
    ).toBe('http://localhost:3000/dev/oauth2/token');
    for (const route of allRoutes) {
      const operation = operations.find((o) => o.operation.operationId === route.id)!.operation;
      expect(operation.security).toEqual(Object.keys(schemes).map((name) => ({ [name]: [...route.scopes] })));
    }
  });

  it('gives each route the problems it can answer with, and Retry-After on 429', () => {
    for (const route of allRoutes) {
      const { operation } = operations.find((o) => o.operation.operationId === route.id)!;
      const statuses = Object.keys(operation.responses as Json);
      for (const status of ['400', '401', '403', '429', '500']) expect(statuses).toContain(status);
      expect(statuses.includes('404')).toBe(Boolean(route.params));
      expect(statuses.includes('409')).toBe(route.method !== 'GET');
      expect(statuses.includes('412')).toBe(Boolean(route.requiresIfMatch));
      expect(statuses.includes('428')).toBe(Boolean(route.requiresIfMatch));
      if (route.body) expect(statuses).toContain('422');
      expect((operation.responses as Record<string, Json>)['429']).toEqual({
        $ref: '#/components/responses/TooManyRequests',
      });
    }
    const shared = asJson(document.components?.responses) as Record<string, { headers: Json; content: Json }>;
    expect(Object.keys(shared.TooManyRequests!.headers)).toEqual(['Retry-After']);
    expect(Object.keys(shared.TooManyRequests!.content)).toEqual([
      'application/problem+json',
      'application/json',
    ]);
    expect(Object.keys(shared.UnprocessableContent!.content)).toEqual(['application/problem+json']);
  });

  it('has a server per configured region, described tags, contact and license', () => {
    expect(document.servers?.map((s) => s.url)).toEqual([
      'http://localhost:3000',
      ...Object.values(cdkRegions as Record<string, { domain: string }>).map(
        (r) => `https://api.${r.domain}`,
      ),
    ]);
    const tags = document.tags ?? [];
    expect(tags.map((t) => t.name).sort()).toEqual([...new Set(allRoutes.flatMap((r) => r.tags))].sort());
    for (const tag of tags) expect(tag.description).toMatch(/ \/ /);
    expect(document.info.contact?.name).toBeTruthy();
    expect(document.info.license?.name).toBeTruthy();
  });

  it('carries the bounds the contracts enforce: safe-integer ranges, pattern lengths, code lists', () => {
    const clientId = (
      operations.find((o) => o.operation.operationId === 'intake.getClient')!.operation.parameters as {
        name: string;
        schema: Json;
      }[]
    ).find((p) => p.name === 'clientId')!.schema;
    expect(clientId).toMatchObject({ pattern: '^[0-9A-HJKMNP-TV-Z]{26}$', maxLength: 26 });
    const limit = (
      operations.find((o) => o.operation.operationId === 'referrals.listReferrals')!.operation.parameters as {
        name: string;
        schema: Json;
      }[]
    ).find((p) => p.name === 'limit')!.schema;
    expect(limit).toMatchObject({ type: 'integer', format: 'int32', minimum: 1, maximum: 100 });
    const service = document.components?.schemas?.RegisterServiceBody as {
      properties: Record<string, { items: Json }>;
    };
    // The district list is one named schema (every district field refers to it, so the typed
    // client carries the 200-odd codes once).
    expect(service.properties.districts!.items).toEqual({ $ref: '#/components/schemas/DistrictCode' });
    expect((document.components?.schemas?.DistrictCode as Json).enum).toContain('semily');
    expect(service.properties.needCodes!.items.enum).toContain('harm-reduction');
    // A name is checked against three patterns; the generator alone wrote only the first.
    const named = document.components?.schemas?.NamedIdentity as { properties: Record<string, Json> };
    expect(named.properties.name).toMatchObject({
      maxLength: 120,
      pattern: expect.stringContaining('\\u0000'),
      allOf: [{ pattern: expect.stringContaining('\\u202A') }, { pattern: '^[^\\t\\n\\r]*$' }],
    });
  });

  it('reads the longest match of anchored patterns and gives up on unbounded ones', () => {
    expect(longestMatch('^\\+?[0-9 ]{6,20}$')).toBe(21);
    expect(longestMatch('^([01]\\d|2[0-3]):[0-5]\\d$')).toBe(5);
    expect(longestMatch('^\\d{4}(-(0[1-9]|1[0-2])|-Q[1-4])?$')).toBe(7);
    expect(longestMatch('^[\\x21-\\x7E]{8,128}$')).toBe(128);
    expect(longestMatch('^[^\\u0000-\\u0008]*$')).toBeUndefined();
    expect(longestMatch('^a{2,}$')).toBeUndefined();
    expect(longestMatch('^(?=a)b$')).toBeUndefined();
    expect(longestMatch('ab')).toBeUndefined();
  });
});
