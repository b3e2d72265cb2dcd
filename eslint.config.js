import tseslint from 'typescript-eslint';

// `import * as z` lets esbuild tree-shake zod (its locales alone are ~250 KB); a named or
// default `z` value import pulls the whole namespace object into every Lambda bundle.
const zodNamespaceImport = {
  selector:
    "ImportDeclaration[source.value='zod'][importKind='value'] > :matches(ImportSpecifier[imported.name='z'], ImportDefaultSpecifier)",
  message: "Use `import * as z from 'zod'` (tree-shakable).",
};

// Types flow from the contracts: a cast to `never` or through `unknown` switches the checker off
// exactly where a contract and its use disagree. Where one is truly needed, disable the rule on
// that line with a comment saying why.
const typeEscapes = [
  {
    selector: 'TSAsExpression > TSNeverKeyword.typeAnnotation',
    message: '`as never` hides a type error; make the types agree (or disable this line with a reason).',
  },
  {
    selector: 'TSAsExpression > TSAsExpression.expression > TSUnknownKeyword.typeAnnotation',
    message: '`as unknown as` hides a type error; make the types agree (or disable this line with a reason).',
  },
];

export default tseslint.config(
  {
    ignores: ['**/node_modules/**', 'cdk.out/**', '.data/**', 'coverage/**', '.bench-tmp/**', 'web/dist/**'],
  },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'off',
      'no-restricted-syntax': ['error', zodNamespaceImport, ...typeEscapes],
    },
  },
  {
    // page.evaluate bodies run in the browser but are type-checked with Node's globals (the tests'
    // program has no DOM library), so they reach the page's globals through a cast.
    files: ['web/test/**/*.ts'],
    rules: { 'no-restricted-syntax': ['error', zodNamespaceImport] },
  },
);
