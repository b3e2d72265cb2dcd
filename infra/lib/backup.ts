// AWS Backup for every service table, beyond the 35 days point-in-time recovery reaches: a daily
// recovery point kept 35 days and a monthly one kept for the region's data retention (10 years by
// default: client records must be kept for years), in a vault encrypted with its own key, and
// optionally copied to a vault in another account (cdk.json `backup.copyToVaultArn`), so one
// compromised account cannot delete every copy. Restore drill: docs/OPERATIONS.md.
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { BackupPlan, BackupPlanRule, BackupResource, BackupVault } from 'aws-cdk-lib/aws-backup';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { Schedule } from 'aws-cdk-lib/aws-events';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { acceptedFindings, acknowledge } from './nag';

export interface TableBackupProps {
  regionCode: string;
  tables: readonly ITableV2[];
  retentionYears: number;
  copyToVaultArn?: string;
}

export const backupSchedule = {
  daily: { keep: Duration.days(35), cron: { hour: '1', minute: '0' } },
  monthly: { cron: { day: '1', hour: '2', minute: '0' } },
} as const;

export class TableBackup extends Construct {
  readonly vault: BackupVault;
  readonly key: Key;
  readonly plan: BackupPlan;

  constructor(scope: Construct, id: string, props: TableBackupProps) {
    super(scope, id);
    this.key = new Key(this, 'Key', {
      description: `Spolu ${props.regionCode}: backup vault`,
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
      pendingWindow: Duration.days(30),
    });
    this.vault = new BackupVault(this, 'Vault', {
      backupVaultName: `spolu-${props.regionCode.toLowerCase()}`,
      encryptionKey: this.key,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    const copy = props.copyToVaultArn
      ? [{ destinationBackupVault: BackupVault.fromBackupVaultArn(this, 'CopyVault', props.copyToVaultArn) }]
      : [];
    this.plan = new BackupPlan(this, 'Plan', {
      backupPlanName: `spolu-${props.regionCode.toLowerCase()}-tables`,
      backupVault: this.vault,
      backupPlanRules: [
        new BackupPlanRule({
          ruleName: 'daily',
          scheduleExpression: Schedule.cron(backupSchedule.daily.cron),
          deleteAfter: backupSchedule.daily.keep,
        }),
        new BackupPlanRule({
          ruleName: 'monthly',
          scheduleExpression: Schedule.cron(backupSchedule.monthly.cron),
          deleteAfter: Duration.days(props.retentionYears * 365),
          copyActions: copy.map((action) => ({
            ...action,
            deleteAfter: Duration.days(props.retentionYears * 365),
          })),
        }),
      ],
    });
    const selection = this.plan.addSelection('Tables', {
      resources: props.tables.map((table) => BackupResource.fromArn(table.tableArn)),
    });
    acknowledge(selection, acceptedFindings.backupServiceRole);
  }
}
