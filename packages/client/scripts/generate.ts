// `npm run generate -w @spolu/client`: rewrites src/schema.d.ts from the contracts.
import { writeFileSync } from 'node:fs';
import { generateSchemaSource, schemaFile } from '../src/generate/schema-source';

writeFileSync(schemaFile, await generateSchemaSource());
console.log(`wrote ${schemaFile}`);
