import { describe, expect, it } from '@jest/globals';
import { envFromProcess } from '../src/env';

describe('environment from Lambda variables', () => {
  it('reads region, table and the subject-key secret', async () => {
    const env = await envFromProcess('intake', {
      SPOLU_REGION: 'CZ063',
      TABLE_NAME: 'spolu-intake',
      SUBJECT_KEY_SECRET: 's3cret',
      DYNAMODB_ENDPOINT: 'http://127.0.0.1:1',
    });
    expect(env).toMatchObject({
      service: 'intake',
      region: 'CZ063',
      tableName: 'spolu-intake',
      subjectKeySecret: 's3cret',
    });
    env.ddb.destroy();
  });

  it('fails loudly when a required variable is missing or the region is unknown', async () => {
    await expect(envFromProcess('intake', { SPOLU_REGION: 'CZ051' })).rejects.toThrow(
      'TABLE_NAME is not set',
    );
    await expect(envFromProcess('intake', { SPOLU_REGION: 'XX', TABLE_NAME: 't' })).rejects.toThrow();
  });
});
