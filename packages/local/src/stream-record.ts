// A DynamoDB Streams record as the SDK's GetRecords returns it, turned into the record Lambda's
// event source mapping delivers: the SDK decodes the creation time into a Date and binary
// attributes into bytes, while the Lambda event carries epoch seconds and base64 text.
import type { AttributeValue as SdkValue, _Record } from '@aws-sdk/client-dynamodb-streams';
import type { AttributeValue as LambdaValue, DynamoDBRecord, StreamRecord } from 'aws-lambda';

const base64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

const valueOf = (v: SdkValue): LambdaValue => {
  if (v.B !== undefined) return { B: base64(v.B) };
  if (v.BS !== undefined) return { BS: v.BS.map(base64) };
  if (v.M !== undefined) return { M: imageOf(v.M) };
  if (v.L !== undefined) return { L: v.L.map(valueOf) };
  if (v.S !== undefined) return { S: v.S };
  if (v.N !== undefined) return { N: v.N };
  if (v.SS !== undefined) return { SS: v.SS };
  if (v.NS !== undefined) return { NS: v.NS };
  if (v.BOOL !== undefined) return { BOOL: v.BOOL };
  if (v.NULL !== undefined) return { NULL: v.NULL };
  // The SDK's GetRecords deserializer gives an empty container (a provider's `contact: {}`) as a
  // value with no member at all, so which type it was is lost here; Lambda would say. The empty
  // containers our items hold are maps, and the publisher reads only string attributes.
  if (Object.keys(v).length === 0) return { M: {} };
  throw new Error(`stream record: unknown attribute value ${Object.keys(v).join(',')}`);
};

const imageOf = (image: Record<string, SdkValue>): Record<string, LambdaValue> =>
  Object.fromEntries(Object.entries(image).map(([k, v]) => [k, valueOf(v)]));

export const lambdaStreamRecord = (r: _Record): DynamoDBRecord => {
  const d = r.dynamodb;
  const dynamodb: StreamRecord | undefined = d && {
    ...(d.ApproximateCreationDateTime && {
      ApproximateCreationDateTime: Math.floor(d.ApproximateCreationDateTime.getTime() / 1000),
    }),
    ...(d.Keys && { Keys: imageOf(d.Keys) }),
    ...(d.NewImage && { NewImage: imageOf(d.NewImage) }),
    ...(d.OldImage && { OldImage: imageOf(d.OldImage) }),
    ...(d.SequenceNumber && { SequenceNumber: d.SequenceNumber }),
    ...(d.SizeBytes !== undefined && { SizeBytes: d.SizeBytes }),
    ...(d.StreamViewType && { StreamViewType: d.StreamViewType }),
  };
  return {
    ...(r.eventID && { eventID: r.eventID }),
    ...(r.eventName && { eventName: r.eventName }),
    ...(r.eventVersion && { eventVersion: r.eventVersion }),
    ...(r.eventSource && { eventSource: r.eventSource }),
    ...(r.awsRegion && { awsRegion: r.awsRegion }),
    ...(dynamodb && { dynamodb }),
    ...(r.userIdentity && { userIdentity: r.userIdentity }),
  };
};
