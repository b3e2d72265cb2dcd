// Grants written as the role's own policy. aws-cdk-lib's grants on a KMS-encrypted secret or queue
// also edit the key's resource policy (naming the role): with the key in the region stack and the
// role in a service's nested stack, that makes each stack depend on the other.
import { Stack } from 'aws-cdk-lib';
import type { IGrantable } from 'aws-cdk-lib/aws-iam';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';

/** Read a secret encrypted with `key`; the key may be used only through Secrets Manager. */
export const grantSecretRead = (secret: ISecret, key: IKey, grantee: IGrantable) => {
  grantee.grantPrincipal.addToPrincipalPolicy(
    new PolicyStatement({
      actions: ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'],
      resources: [secret.secretArn],
    }),
  );
  grantee.grantPrincipal.addToPrincipalPolicy(
    new PolicyStatement({
      actions: ['kms:Decrypt'],
      resources: [key.keyArn],
      conditions: {
        StringEquals: { 'kms:ViaService': `secretsmanager.${Stack.of(secret).region}.amazonaws.com` },
      },
    }),
  );
};
