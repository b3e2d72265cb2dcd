// The architecture's import rules (docs/DECISIONS.md "Code health"), checked in `npm test`:
// services talk to each other through events and public routes only, never by importing each
// other's code; the console and the shared packages never import a service.
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'service-imports-other-service',
      comment: 'A service reaches another only through events and public routes (DESIGN.md).',
      severity: 'error',
      // Tests may start other services beside their own (a real bus between real services).
      from: { path: '^services/([^/]+)/', pathNot: '^services/[^/]+/test/' },
      to: { path: '^services/([^/]+)/', pathNot: ['^services/$1/', '^services/manifests\\.ts$'] },
    },
    {
      name: 'web-imports-service',
      comment: 'The console speaks to the API; it shares contracts, never service code.',
      severity: 'error',
      from: { path: '^web/' },
      to: { path: '^(services|infra|packages/platform|packages/local)/' },
    },
    {
      name: 'shared-package-imports-service',
      comment:
        'contracts and platform are below the services; only the local runtime (and its CLIs, ' +
        'which start every service like AWS does) may load the service manifests. The one ' +
        "exception is the migrate Lambda entry: it reads every manifest's migrations list (its " +
        'header says why the bundle stays small).',
      severity: 'error',
      from: {
        path: '^packages/(contracts|platform)/',
        pathNot: '^packages/platform/src/lambda/migrate\\.ts$',
      },
      to: { path: '^(services|infra|web)/' },
    },
    {
      name: 'contracts-import-platform',
      comment: 'Contracts are plain schemas and texts; they must not pull in the AWS runtime.',
      severity: 'error',
      from: { path: '^packages/contracts/' },
      to: { path: '^packages/(platform|local)/' },
    },
    {
      name: 'no-circular',
      comment: 'Import cycles make module initialisation order matter (and cold starts slower).',
      severity: 'error',
      from: { path: '^(services|packages|web/src)/', pathNot: '\\.test\\.tsx?$' },
      // Type-only cycles vanish at compile time; runtime cycles are the ones that bite.
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(node_modules|dist|cdk\\.out)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default'],
    },
  },
};
