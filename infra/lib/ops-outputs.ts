// Stack outputs the operations runbook (docs/OPERATIONS.md) refers to by name, so every step is
// a command with no console clicking: `aws cloudformation describe-stacks --query ...`.
import { CfnOutput } from 'aws-cdk-lib';
import type { RegionStack } from './region-stack';

const pascal = (name: string) => name[0]!.toUpperCase() + name.slice(1);

/** Adds the outputs; returns each service's `<Service>Migrate` output (the pipeline's migrations
 * step reads the function names from them). */
export const addOpsOutputs = (stack: RegionStack) => {
  const migrate = new Map<string, CfnOutput>();
  new CfnOutput(stack, 'ApiUrl', { value: stack.api.api.apiEndpoint });
  new CfnOutput(stack, 'ConsoleUrl', { value: `${stack.consoleHosting.url}/` });
  new CfnOutput(stack, 'WebClientId', { value: stack.identity.webClient.userPoolClientId });
  new CfnOutput(stack, 'UserPoolId', { value: stack.identity.userPool.userPoolId });
  new CfnOutput(stack, 'EventBusArn', { value: stack.bus.bus.eventBusArn });
  new CfnOutput(stack, 'EventArchiveArn', { value: stack.bus.archive.archiveArn });
  new CfnOutput(stack, 'BackupVaultName', { value: stack.backup.vault.backupVaultName });
  new CfnOutput(stack, 'BackupPlanId', { value: stack.backup.plan.backupPlanId });
  new CfnOutput(stack, 'DashboardName', { value: stack.dashboard.dashboard.dashboardName });
  new CfnOutput(stack, 'PartnerMappingParameter', { value: stack.identity.partnerMapping!.parameterName });
  for (const [id, client] of stack.identity.partnerClients) {
    new CfnOutput(stack, `PartnerClient${id}`, { value: client.userPoolClientId });
  }
  for (const [name, service] of stack.services) {
    new CfnOutput(stack, `${pascal(name)}TableName`, { value: service.table.table.tableName });
    new CfnOutput(stack, `${pascal(name)}OutboxSweeper`, { value: service.outbox.sweeper.fn.functionName });
    migrate.set(
      name,
      new CfnOutput(stack, `${pascal(name)}Migrate`, { value: service.migrate.fn.functionName }),
    );
    // Consumers EventBridge invokes: what `npm run redrive -- --aws --function` takes.
    for (const handler of service.asyncTargets.keys()) {
      new CfnOutput(stack, `${pascal(name)}${pascal(handler)}Consumer`, {
        value: service.handlers.get(handler)!.fn.functionName,
      });
    }
    new CfnOutput(stack, `${pascal(name)}OutboxDeadLetterQueueUrl`, {
      value: service.outbox.deadLetters.queue.queueUrl,
    });
  }
  return { migrate };
};
