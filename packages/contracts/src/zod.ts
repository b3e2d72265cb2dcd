// zod with the OpenAPI extension applied once; every schema in the project imports z from here
// so `.openapi()` metadata is always available.
import { extendZodWithOpenApi } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';

extendZodWithOpenApi(z);

export { z };
